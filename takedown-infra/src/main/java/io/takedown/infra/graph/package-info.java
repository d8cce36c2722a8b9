/**
 * The infrastructure graph: typed nodes (outlets, domains, addresses, providers, registrars, CDN accounts,
 * certificates, keys, analytics IDs, favicons, update URLs, extensions, apps, newsletters) and typed edges,
 * each with when it was first and last seen; exported as GraphML and DOT, drawn with Graphviz.
 */
package io.takedown.infra.graph;
