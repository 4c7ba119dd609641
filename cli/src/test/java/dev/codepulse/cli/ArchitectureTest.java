package dev.codepulse.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules, checked on the compiled classes of every module: services never use each other,
 * shared modules use no service, and no module reaches into another one's internals.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.codepulse");
    }

    @Test
    void workerUsesNoOtherService() {
        noClasses()
                .that()
                .resideInAPackage("dev.codepulse.worker..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.codepulse.streams..", "dev.codepulse.optimizer..")
                .check(classes);
    }

    @Test
    void streamsUsesNoOtherService() {
        noClasses()
                .that()
                .resideInAPackage("dev.codepulse.streams..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.codepulse.worker..", "dev.codepulse.optimizer..")
                .check(classes);
    }

    @Test
    void optimizerUsesNoOtherService() {
        noClasses()
                .that()
                .resideInAPackage("dev.codepulse.optimizer..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.codepulse.worker..", "dev.codepulse.streams..")
                .check(classes);
    }

    @Test
    void sharedModulesUseNoService() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.codepulse.schemas..",
                        "dev.codepulse.common..",
                        "dev.codepulse.profiler..",
                        "dev.codepulse.localstack..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.codepulse.worker..",
                        "dev.codepulse.streams..",
                        "dev.codepulse.optimizer..",
                        "dev.codepulse.cli..")
                .check(classes);
    }

    @Test
    void schemasDependOnNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage("dev.codepulse.schemas..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.codepulse.common..",
                        "dev.codepulse.profiler..",
                        "dev.codepulse.localstack..")
                .check(classes);
    }

    @Test
    void commandLineUsesOnlyPublicApis() {
        noClasses()
                .that()
                .resideInAPackage("dev.codepulse.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..internals..")
                .check(classes);
    }
}
