package org.openvtn.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvtn.schemas.SecureXmlInput;

/**
 * Issue #13, "hardened XML parser factories only in SecureXmlInput": no class of any module on this class path
 * (schemas, certs, vtn-server, ven-client, conformance-tests, dist; main and test classes) creates a DOM, SAX, StAX
 * input, XML Schema or transformer factory itself; it asks {@link SecureXmlInput}, whose one feature set is tested
 * in SecureXmlFactoriesTest (schemas).
 */
class XmlFactoriesRuleTest {

    private static final Set<String> FACTORIES = Set.of("javax.xml.parsers.DocumentBuilderFactory",
            "javax.xml.parsers.SAXParserFactory", "javax.xml.stream.XMLInputFactory",
            "javax.xml.validation.SchemaFactory", "javax.xml.transform.TransformerFactory");

    @Test
    void xmlFactoriesAreCreatedOnlyInSecureXmlInput() {
        DescribedPredicate<JavaMethodCall> createsFactory = DescribedPredicate.describe("create an XML factory",
                call -> FACTORIES.contains(call.getTargetOwner().getName()) && call.getName().startsWith("new")
                        && call.getTarget().resolveMember().map(m -> m.getModifiers()
                        .contains(com.tngtech.archunit.core.domain.JavaModifier.STATIC)).orElse(true));
        noClasses().that().doNotHaveFullyQualifiedName(SecureXmlInput.class.getName())
                .should().callMethodWhere(createsFactory)
                .because("one hardened feature set: no DTDs, no external entities/schemas/stylesheets (issue #13)")
                .check(new ClassFileImporter().importPackages("org.openvtn"));
    }
}
