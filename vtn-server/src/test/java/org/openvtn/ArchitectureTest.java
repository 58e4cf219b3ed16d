package org.openvtn;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #13, "rules that keep it so": the arrows of the house (STYLE.md, docs/core-model.md) checked on the compiled
 * classes of vtn-server and the modules below it (schemas, certs). Each rule was seen failing once on a deliberate
 * violation before it was committed.
 */
class ArchitectureTest {

    static final String CORE = "org.openvtn.core..";
    static final String STORE = "org.openvtn.store..";
    static final String[] ADAPTERS = {"org.openvtn.oadr20b..", "org.openvtn.sep..", "org.openvtn.admin..",
            "org.openvtn.listener.."};

    /** The packages of vtn-server (base org.openvtn). */
    static final String[] SERVER_PACKAGES = {"org.openvtn.admin", "org.openvtn.core", "org.openvtn.listener",
            "org.openvtn.oadr20b", "org.openvtn.oadr3", "org.openvtn.sep", "org.openvtn.server", "org.openvtn.store"};

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.openvtn");
    }

    /** The core speaks of participants: no protocol adapter, no assembly, no HTTP server, no XML binding. */
    @Test
    void coreImportsNoAdapterNoJettyNoJaxb() {
        noClasses().that().resideInAPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("org.openvtn.oadr20b..", "org.openvtn.sep..",
                        "org.openvtn.oadr3..",
                        "org.openvtn.admin..", "org.openvtn.listener..", "org.openvtn.server..",
                        "org.eclipse.jetty..", "jakarta.xml.bind..", "javax.xml.bind..", "org.openvtn.schemas..")
                .because("the core is protocol-neutral; adapters map to and from it (issue #13, STYLE.md)")
                .check(classes);
    }

    /** The store persists the core's model, never a protocol type. */
    @Test
    void storeNeverSeesSchemaTypes() {
        noClasses().that().resideInAPackage(STORE)
                .should().dependOnClassesThat().resideInAnyPackage("org.openvtn.schemas..", "jakarta.xml.bind..",
                        "org.openvtn.oadr20b..", "org.openvtn.sep..", "org.openvtn.oadr3..", "org.openvtn.admin..",
                        "org.eclipse.jetty..")
                .because("a store never sees protocol types it does not persist (STYLE.md)")
                .check(classes);
    }

    /**
     * Adapters call services; only the assembly (org.openvtn.server) and the services (core, sep.service) touch a
     * store. The OpenADR push worker reaches its outbox through core.PushOutboxService, the 2030.5 notification worker
     * (sep.notify) through the NotificationOutbox service. The 2030.5 adapter may use the sep.store record types
     * (SepEndDevice, SepRecords, SepSubscription), never a Jdbc store.
     */
    @Test
    void adaptersTalkToServicesNotStores() {
        noClasses().that().resideInAnyPackage("org.openvtn.oadr20b..", "org.openvtn.sep.http..", "org.openvtn.sep.notify..",
                        "org.openvtn.oadr3.http..", "org.openvtn.admin..", "org.openvtn.listener..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage(STORE)
                        .or(JavaClass.Predicates.resideInAPackage("org.openvtn..")
                                .and(JavaClass.Predicates.simpleNameStartingWith("Jdbc")
                                        .or(JavaClass.Predicates.simpleNameEndingWith("Store")))))
                .because("adapters talk to services, not stores (issue #13)")
                .check(classes);
    }

    /**
     * No cycles between the packages of the server (the generated JAXB packages of the schemas module are cyclic
     * by the published XSDs' design and are left out).
     */
    @Test
    void noPackageCycles() {
        JavaClasses server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(SERVER_PACKAGES);
        slices().matching("org.openvtn.(**)").should().beFreeOfCycles().check(server);
    }
}
