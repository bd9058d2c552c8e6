package io.fcs.protocol.topic;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Messages are bytes; topics are where they travel. The dependency goes one way. */
@AnalyzeClasses(packages = "io.fcs.protocol", importOptions = ImportOption.DoNotIncludeTests.class)
class MessagingArchitectureTest {

    @ArchTest
    static final ArchRule messagesDoNotKnowTopics = noClasses()
            .that()
            .resideInAPackage("io.fcs.protocol.message..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.fcs.protocol.topic..")
            .because("the same message travels on several topics and in HTTP bodies (POST /sync/v1/records); "
                    + "only the topic table knows which message a topic carries");
}
