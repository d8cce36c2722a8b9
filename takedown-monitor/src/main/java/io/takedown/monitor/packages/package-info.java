/**
 * Browser extension and app packages: safe unpacking (zip-slip, symbolic links, zip bombs by ratio and
 * total, bounded nesting), the CRX3 header, WebExtension manifests and the binary AndroidManifest of an
 * APK; update URLs, hosts, permissions and bundled files come out, each file to be hashed.
 */
package io.takedown.monitor.packages;
