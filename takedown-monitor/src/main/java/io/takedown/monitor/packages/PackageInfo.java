package io.takedown.monitor.packages;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a browser extension (.crx, .xpi) or Android app (.apk) says about itself and what it carries.
 *
 * @param kind crx, xpi or apk
 * @param id extension id (CRX), gecko id (XPI) or package name (APK)
 * @param updateUrls where the package fetches its updates
 * @param urls every http(s) URL named in the manifest or in text files of the package
 * @param hosts hosts of those URLs and of host permissions
 * @param entries files of the package (refused entries with their reasons)
 * @param problems what could not be read (a manifest that does not parse, a signature that fails, ...)
 */
public record PackageInfo(String kind, Optional<String> id, Optional<String> name, Optional<String> version,
                          List<String> permissions, List<String> updateUrls, List<String> urls, Set<String> hosts,
                          List<ArchiveEntry> entries, List<String> problems) {
}
