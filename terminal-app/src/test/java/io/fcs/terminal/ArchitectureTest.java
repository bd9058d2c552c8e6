package io.fcs.terminal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.fcs.terminal", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule viewModelsStayFreeOfControls = noClasses()
            .that()
            .haveSimpleNameEndingWith("ViewModel")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.fxml..")
            .because("view models are plain JUnit-testable state and commands; controls belong to the views");

    @ArchTest
    static final ArchRule viewModelsDoNotTalkToDevices = noClasses()
            .that()
            .haveSimpleNameEndingWith("ViewModel")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javax.smartcardio..", "io.fcs.terminal.device..", "java.sql..")
            .because("view models reach devices and storage only through the ports they get by constructor");

    @ArchTest
    static final ArchRule onlyTheNfcAdapterUsesSmartcardio = noClasses()
            .that()
            .resideOutsideOfPackage("io.fcs.terminal.device.nfc..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javax.smartcardio..")
            .because("PC/SC is a device detail hidden behind the NfcReader port");

    @ArchTest
    static final ArchRule onlyTheStoreUsesJdbc = noClasses()
            .that()
            .resideOutsideOfPackage("io.fcs.terminal.store..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "org.sqlite..")
            .because("the SQLite layout is the store's business; everyone else calls TerminalStore");

    @ArchTest
    static final ArchRule onlyTheMqttAdapterUsesTheMqttClient = noClasses()
            .that()
            .resideOutsideOfPackage("io.fcs.terminal.sync..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.hivemq..")
            .because("MQTT is a transport behind the Uplink port");
}
