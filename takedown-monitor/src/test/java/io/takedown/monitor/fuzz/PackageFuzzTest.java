package io.takedown.monitor.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.takedown.monitor.packages.ArchiveEntry;
import io.takedown.monitor.packages.ArchiveLimits;
import io.takedown.monitor.packages.PackageInfo;
import io.takedown.monitor.packages.PackageReader;
import io.takedown.monitor.packages.SafeUnzip;

/** Any bytes as a .crx, .xpi or .apk: a package description or a clear refusal, never anything else. */
class PackageFuzzTest {

    private static final PackageReader READER = new PackageReader(new ArchiveLimits(200, 1 << 20, 4 << 20, 100, 2));
    private static final String[] KINDS = {"crx", "xpi", "apk"};

    @FuzzTest(maxDuration = "30s")
    void anyPackageReadsOrRefuses(FuzzedDataProvider data) {
        String kind = KINDS[data.consumeInt(0, 2)];
        try {
            PackageInfo info = READER.read(kind, data.consumeRemainingAsBytes());
            for (ArchiveEntry entry : info.entries()) {
                if (entry.refused().isEmpty() && entry.path().contains("..")
                        && java.util.Arrays.asList(entry.path().split("/")).contains("..")) {
                    throw new IllegalStateException("traversal name read: " + entry.path());
                }
            }
        } catch (SafeUnzip.ArchiveException refused) {
            // a clear error for the whole file
        }
    }
}
