package io.takedown.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Dependencies point inward: cli → domain modules → core, never back, and no cycles between areas. */
@AnalyzeClasses(packages = "io.takedown", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule coreDependsOnNothingOfOurs = noClasses().that().resideInAPackage("io.takedown.core..")
            .should().dependOnClassesThat().resideOutsideOfPackages("io.takedown.core..", "java..");

    @ArchTest
    static final ArchRule domainModulesDoNotDependOnTheCli = noClasses().that()
            .resideOutsideOfPackage("io.takedown.cli..")
            .should().dependOnClassesThat().resideInAPackage("io.takedown.cli..");

    @ArchTest
    static final ArchRule signalTypesDoNotDependOnEachOther = slices()
            .matching("io.takedown.signals.(md5|sha256|pdq|text|url)..").should().notDependOnEachOther();

    @ArchTest
    static final ArchRule noCyclesBetweenAreas = slices().matching("io.takedown.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule signalsCoreDoesNotKnowConcreteSignals = noClasses().that()
            .resideInAnyPackage("io.takedown.signals", "io.takedown.signals.hashing", "io.takedown.signals.media")
            .should().dependOnClassesThat().resideInAnyPackage("io.takedown.signals.(md5|sha256|pdq|text|url)..");
}
