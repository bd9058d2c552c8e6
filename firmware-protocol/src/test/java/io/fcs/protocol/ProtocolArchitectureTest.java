package io.fcs.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module's boundaries, executable (decision 0002). */
@AnalyzeClasses(packages = "io.fcs.protocol", importOptions = ImportOption.DoNotIncludeTests.class)
class ProtocolArchitectureTest {

    @ArchTest
    static final ArchRule protocolDependsOnlyOnTheJdkAndBouncyCastle = classes()
            .that()
            .resideInAPackage("io.fcs.protocol..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "io.fcs.protocol..", "java..", "javax.smartcardio..", "javax.crypto..", "org.bouncycastle..")
            .because("every module, down to the terminals, embeds firmware-protocol: it must pull in nothing "
                    + "but Bouncy Castle and the JDK (PC/SC for the reader command set, javax.crypto for sealed "
                    + "enrolment bundles)");

    @ArchTest
    static final ArchRule valuesAndCryptoStandAlone = noClasses()
            .that()
            .resideInAnyPackage("io.fcs.protocol.value..", "io.fcs.protocol.crypto..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.fcs.protocol.record..",
                    "io.fcs.protocol.ticket..",
                    "io.fcs.protocol.tag..",
                    "io.fcs.protocol.reader..",
                    "io.fcs.protocol.message..",
                    "io.fcs.protocol.topic..")
            .because("money, ids and crypto are the base every format is built on, never the other way round");

    @ArchTest
    static final ArchRule recordsAndTicketsAreIndependentFormats = noClasses()
            .that()
            .resideInAnyPackage("io.fcs.protocol.record..", "io.fcs.protocol.ticket..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.fcs.protocol.tag..",
                    "io.fcs.protocol.reader..",
                    "io.fcs.protocol.message..",
                    "io.fcs.protocol.topic..")
            .because("records and tickets are signed byte formats of their own; transports and chips carry "
                    + "them, not the other way round");

    @ArchTest
    static final ArchRule recordsAndTicketsDoNotKnowEachOther = noClasses()
            .that()
            .resideInAPackage("io.fcs.protocol.ticket..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.fcs.protocol.record..")
            .because("a gate verifies tickets without the record machinery, and ticket keys are not terminal keys");
}
