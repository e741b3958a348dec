package io.battleroyale.job;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

/**
 * The module edges of docs/architecture.md, held on the compiled classes of every module: plain
 * Java where there is no stream, and dependencies that only point down the layers (model ←
 * functions, sources, gateway ← operators ← job).
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.battleroyale");
    }

    @Test
    void theModelTheAgentsAndTheGatewayAreFreeOfFlink() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.battleroyale.model..",
                        "io.battleroyale.functions..",
                        "io.battleroyale.gateway..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .check(classes);
    }

    @Test
    void theModelDependsOnNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage("io.battleroyale.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.battleroyale.sources..",
                        "io.battleroyale.functions..",
                        "io.battleroyale.operators..",
                        "io.battleroyale.gateway..",
                        "io.battleroyale.job..")
                .check(classes);
    }

    @Test
    void sourcesAgentsAndGatewayDependOnlyOnTheModel() {
        noClasses()
                .that()
                .resideInAPackage("io.battleroyale.sources..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.battleroyale.functions..",
                        "io.battleroyale.operators..",
                        "io.battleroyale.gateway..",
                        "io.battleroyale.job..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("io.battleroyale.functions..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.battleroyale.sources..",
                        "io.battleroyale.operators..",
                        "io.battleroyale.gateway..",
                        "io.battleroyale.job..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("io.battleroyale.gateway..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.battleroyale.sources..",
                        "io.battleroyale.functions..",
                        "io.battleroyale.operators..",
                        "io.battleroyale.job..")
                .check(classes);
    }

    @Test
    void operatorsDoNotReachIntoTheCommandLine() {
        noClasses()
                .that()
                .resideInAPackage("io.battleroyale.operators..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.battleroyale.job..")
                .check(classes);
    }

    @Test
    void eachVenueKeepsToItsOwnPackage() {
        noClasses()
                .that()
                .resideInAPackage("io.battleroyale.sources.venues.kalshi..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.battleroyale.sources.venues.polymarket..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("io.battleroyale.sources.venues.polymarket..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.battleroyale.sources.venues.kalshi..")
                .check(classes);
    }

    @Test
    void exitCodesAreTheCommandLinesAlone() {
        noFields()
                .that()
                .haveNameMatching("EXIT_.*")
                .should()
                .beDeclaredInClassesThat()
                .resideOutsideOfPackages("io.battleroyale.job..", "io.battleroyale.gateway")
                .check(classes);
    }
}
