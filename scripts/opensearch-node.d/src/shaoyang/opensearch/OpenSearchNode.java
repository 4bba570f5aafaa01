/*
 * Foreground launcher for the local OpenSearch node (scripts/opensearch-node).
 *
 * It boots a real org.opensearch.node.Node the way the distribution does
 * (environment -> logging -> Node.start()) but without org.opensearch.bootstrap:
 * that layer refuses to run as root, installs the Java security manager with
 * the distribution's policy files and runs the bootstrap checks, none of which
 * a loopback-only development node needs. This is the same approach as the
 * Elasticsearch launcher (scripts/search-node.d/.../SearchNode.java).
 *
 * Required system properties (set by the script):
 *   search.home   distribution dir (config/, modules/, plugins/)
 *   search.data   data dir
 *   search.logs   logs dir
 *   search.port   HTTP port (bound to 127.0.0.1 only)
 * Optional:
 *   search.transport.port   transport port (default: HTTP port + 100)
 *   search.pidfile          file that receives this JVM's pid once the node is started
 *   search.console=true     also log to stdout
 */
package shaoyang.opensearch;

import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

public final class OpenSearchNode {

    static final String CLUSTER_NAME = "shaoyang-opensearch";
    static final String NODE_NAME = "shaoyang-opensearch-1";

    private OpenSearchNode() {}

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing system property -D" + name);
        }
        return value;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(required("search.home")).toAbsolutePath();
        Path data = Path.of(required("search.data")).toAbsolutePath();
        Path logs = Path.of(required("search.logs")).toAbsolutePath();
        int httpPort = Integer.parseInt(required("search.port"));
        int transportPort = Integer.parseInt(System.getProperty("search.transport.port", String.valueOf(httpPort + 100)));
        String pidFile = System.getProperty("search.pidfile");
        // read by config/log4j2.properties: in the background stdout goes to a file next to the
        // node log, so only warnings and errors (startup failures among them) go there too
        System.setProperty("search.console.level", Boolean.getBoolean("search.console") ? "all" : "warn");

        LogConfigurator.registerErrorListener();

        Settings settings = Settings.builder()
            .put("cluster.name", CLUSTER_NAME)
            .put("node.name", NODE_NAME)
            .put("path.home", home.toString())
            .put("path.data", data.toString())
            .put("path.logs", logs.toString())
            // loopback only, single node, no cluster formation
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", transportPort)
            .put("discovery.type", "single-node")
            .putList("node.roles", "cluster_manager", "data", "ingest")
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            // development node on a shared disk: never block writes on disk usage
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            // tests may delete indices by wildcard
            .put("action.destructive_requires_name", false)
            .build();

        Environment env = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), home.resolve("config"), () -> NODE_NAME);

        LogConfigurator.setNodeName(NODE_NAME);
        LogConfigurator.configure(env);

        Node node = new Node(env);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                if (node.awaitClose(30, TimeUnit.SECONDS) == false) {
                    System.err.println("opensearch node did not close within 30s");
                }
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                removePidFile(pidFile);
                closed.countDown();
            }
        }, "opensearch-node-shutdown"));

        node.start();

        String pid = String.valueOf(ProcessHandle.current().pid());
        if (pidFile != null) {
            Files.writeString(Path.of(pidFile), pid + "\n", StandardCharsets.US_ASCII);
        }
        System.out.println("opensearch node started: http://127.0.0.1:" + httpPort + " (pid " + pid + ")");
        System.out.flush();
        closed.await();
    }

    private static void removePidFile(String pidFile) {
        if (pidFile == null) {
            return;
        }
        try {
            Path path = Path.of(pidFile);
            if (Files.exists(path)
                && Files.readString(path, StandardCharsets.US_ASCII).trim().equals(String.valueOf(ProcessHandle.current().pid()))) {
                Files.delete(path);
            }
        } catch (Exception e) {
            // best effort
        }
    }
}
