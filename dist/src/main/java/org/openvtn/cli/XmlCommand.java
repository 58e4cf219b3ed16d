package org.openvtn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.XmlLimits;
import org.openvtn.schemas.XmlRoundTrip;
import org.openvtn.schemas.XmlStandard;
import org.openvtn.schemas.XmlToolkit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code openvtn xml}: checks captured OpenADR 2.0b / IEEE 2030.5 documents against the published schemas. */
@Command(name = "xml", mixinStandardHelpOptions = true,
        description = "Check OpenADR 2.0b and IEEE 2030.5 (incl. CSIP-AUS 1.3) XML documents against the published schemas.",
        subcommands = {XmlCommand.Validate.class, XmlCommand.RoundTrip.class})
final class XmlCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options shared by the xml subcommands. */
    abstract static class FilesCommand implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE", converter = CliTypes.InputFile.class, description = "XML documents to check.")
        List<Path> files;

        @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "1048576", converter = CliTypes.PositiveCount.class,
                description = "Refuse documents larger than N bytes (default: ${DEFAULT-VALUE}).")
        int maxBytes;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            XmlToolkit toolkit = new XmlToolkit(new PublishedSchemas(), XmlLimits.DEFAULT.withMaxDocumentBytes(maxBytes));
            PrintWriter out = spec.commandLine().getOut();
            int bad = 0;
            for (Path f : files) {
                String verdict;
                try {
                    byte[] doc = Files.readAllBytes(f);
                    verdict = check(toolkit, doc);
                } catch (XmlCodecException e) {
                    verdict = "INVALID " + e.getMessage();
                } catch (IOException e) {
                    verdict = "INVALID cannot read: " + e.getMessage();
                }
                if (!verdict.startsWith("VALID") && !verdict.startsWith("SIMILAR")) {
                    bad++;
                }
                out.println(f + ": " + verdict);
            }
            out.flush();
            return bad == 0 ? 0 : 1;
        }

        abstract String check(XmlToolkit toolkit, byte[] doc) throws XmlCodecException;
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Validate each FILE against the published schema of its standard, detected from the root"
                    + " element's namespace (OpenADR 2.0b, IEEE 2030.5; CSIP-AUS 1.3 when its namespace is used).",
                    "Prints one line per file: VALID (standard) or INVALID <reason with line and column>.",
                    "Exit status 0 only when every file is valid."})
    static final class Validate extends FilesCommand {
        @Override
        String check(XmlToolkit toolkit, byte[] doc) throws XmlCodecException {
            XmlStandard s = toolkit.validate(doc);
            return "VALID (" + s.title() + ")";
        }
    }

    @Command(name = "roundtrip", mixinStandardHelpOptions = true,
            description = {"Validate each FILE, bind it, write it back (validated) and compare with the input.",
                    "Prints SIMILAR, DIFFERENT <first difference>, or INVALID <reason>.",
                    "Exit status 0 only when every file is similar after the round trip."})
    static final class RoundTrip extends FilesCommand {
        @Option(names = "--print", description = "Also print the re-encoded document.")
        boolean print;

        @Override
        String check(XmlToolkit toolkit, byte[] doc) throws XmlCodecException {
            XmlStandard s = toolkit.detect(doc);
            XmlRoundTrip.Result r = toolkit.roundTrip(doc);
            String head = r.similar() ? "SIMILAR (" + s.title() + ")" : "DIFFERENT " + r.firstDifference();
            return print ? head + System.lineSeparator() + new String(r.output(), java.nio.charset.StandardCharsets.UTF_8) : head;
        }
    }
}
