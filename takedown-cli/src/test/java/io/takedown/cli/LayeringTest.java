package io.takedown.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point inward: adapters (cli, server) → composition root (app) → domain modules → core, never
 * back, and no cycles between areas.
 */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // Production classes only: test classes (also those in other modules' test jars) may cross layers.
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
                .importPackages("io.takedown");
    }

    @Test
    void coreDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("io.takedown.core..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.takedown.core..", "java..")
                .check(classes);
    }

    @Test
    void domainModulesDoNotDependOnTheCli() {
        noClasses().that().resideOutsideOfPackage("io.takedown.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.takedown.cli..").check(classes);
    }

    @Test
    void onlyAdaptersUseTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackages("io.takedown.app..", "io.takedown.cli..", "io.takedown.server..",
                        "io.takedown.bench..")
                .should().dependOnClassesThat().resideInAPackage("io.takedown.app..").check(classes);
    }

    @Test
    void onlyTheCliAndBenchUseTheServer() {
        noClasses().that().resideOutsideOfPackages("io.takedown.server..", "io.takedown.cli..", "io.takedown.bench..")
                .should().dependOnClassesThat().resideInAPackage("io.takedown.server..").check(classes);
    }

    @Test
    void serverFeaturesShareOnlyThePlumbing() {
        // Features (api, hma, console) may use http, accounts, matching, hashing; not each other.
        slices().matching("io.takedown.server.(api|hma|console)..").should().notDependOnEachOther().check(classes);
    }

    @Test
    void indexesKnowNothingOfBanksOrStorage() {
        noClasses().that().resideInAPackage("io.takedown.index..")
                .should().dependOnClassesThat().resideInAnyPackage("io.takedown.banks..", "io.takedown.store..", "java.sql..")
                .check(classes);
    }

    @Test
    void signalsKnowNothingOfBanksIndexesOrStorage() {
        noClasses().that().resideInAPackage("io.takedown.signals..")
                .should().dependOnClassesThat().resideInAnyPackage("io.takedown.banks..", "io.takedown.index..",
                        "io.takedown.store..")
                .check(classes);
    }

    @Test
    void theRecordKnowsNothingOfCasesOrders() {
        noClasses().that().resideInAPackage("io.takedown.audit..")
                .should().dependOnClassesThat().resideInAnyPackage("io.takedown.access..", "io.takedown.cases..",
                        "io.takedown.orders..", "io.takedown.oversight..", "io.takedown.banks..")
                .check(classes);
        noClasses().that().resideInAPackage("io.takedown.audit.tlog..")
                .should().dependOnClassesThat().resideInAnyPackage("io.takedown.store..", "java.sql..")
                .check(classes);
    }

    @Test
    void signalTypesDoNotDependOnEachOther() {
        // vPDQ is PDQ of frames: it alone builds on another signal, and only on PDQ.
        slices().matching("io.takedown.signals.(md5|sha256|pdq|text|url|videomd5|vpdq)..").should().notDependOnEachOther()
                .ignoreDependency(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("io.takedown.signals.vpdq.."),
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("io.takedown.signals.pdq.."))
                .check(classes);
    }

    @Test
    void noCyclesBetweenAreas() {
        slices().matching("io.takedown.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void operationsKnowNothingOfTheRangeBanksOrIndexes() {
        // Action days work on cases and orders; the synthetic range reaches them only through the demo (app).
        noClasses().that().resideInAPackage("io.takedown.operations..")
                .should().dependOnClassesThat().resideInAnyPackage("io.takedown.range..", "io.takedown.banks..",
                        "io.takedown.index..")
                .check(classes);
    }

    @Test
    void infrastructureAnalysisWorksOnObservationsNotOnTheRange() {
        // Only the evaluation against ground truth may read the range; detection sees what was observed.
        noClasses().that().resideInAPackage("io.takedown.infra..")
                .and().resideOutsideOfPackages("io.takedown.infra.evaluation..", "io.takedown.infra.observe..")
                .should().dependOnClassesThat().resideInAPackage("io.takedown.range..").check(classes);
    }

    @Test
    void theRangeKnowsNothingOfThePlatformItTests() {
        noClasses().that().resideInAPackage("io.takedown.range..")
                .should().dependOnClassesThat().resideInAnyPackage("io.takedown.infra..", "io.takedown.banks..",
                        "io.takedown.cases..", "io.takedown.orders..", "io.takedown.store..")
                .check(classes);
        // The range makes videos with FFmpeg; hashing them is the platform's part, measured by the evaluation.
        noClasses().that().resideInAPackage("io.takedown.range.video..")
                .should().dependOnClassesThat().resideInAnyPackage("io.takedown.signals.vpdq..", "io.takedown.signals.pdq..")
                .check(classes);
    }

    @Test
    void signalPlumbingDoesNotKnowConcreteSignals() {
        noClasses().that()
                .resideInAnyPackage("io.takedown.signals", "io.takedown.signals.hashing", "io.takedown.signals.media",
                        "io.takedown.signals.video")
                .should().dependOnClassesThat().resideInAnyPackage("io.takedown.signals.(md5|sha256|pdq|text|url|videomd5|vpdq)..")
                .check(classes);
    }

    @Test
    void nativeDecodersAreReachedOnlyThroughTheirInterface() {
        // Compiled at release 22 and loaded by ServiceLoader: a direct reference would break Java 21 runtimes.
        noClasses().that().resideOutsideOfPackage("io.takedown.signals.media.ffm..")
                .should().dependOnClassesThat().resideInAPackage("io.takedown.signals.media.ffm..").check(classes);
    }

    @Test
    void monitorPartsPointOneWay() {
        // evidence and frontier are the monitor's ground: they know nothing of crawling, matching or cases.
        noClasses().that().resideInAnyPackage("io.takedown.monitor.evidence..", "io.takedown.monitor.frontier..")
                .should().dependOnClassesThat().resideInAnyPackage("io.takedown.monitor.crawl..",
                        "io.takedown.monitor.capture..", "io.takedown.banks..")
                .check(classes);
        noClasses().that().resideInAPackage("io.takedown.monitor.crawl..")
                .should().dependOnClassesThat().resideInAnyPackage("io.takedown.monitor.capture..", "io.takedown.banks..",
                        "io.takedown.cases..", "io.takedown.range..")
                .check(classes);
        slices().matching("io.takedown.monitor.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheRangeAndItsUsersKnowTheRange() {
        noClasses().that().resideInAPackage("io.takedown.monitor..")
                .should().dependOnClassesThat().resideInAPackage("io.takedown.range..").check(classes);
    }
}
