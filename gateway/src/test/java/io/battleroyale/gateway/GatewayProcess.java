package io.battleroyale.gateway;

import java.nio.file.Path;

/**
 * A paper gateway in its own JVM, so that a test can kill it with SIGKILL. Prints {@code PORT n}
 * once serving. Arguments: journal path, token.
 */
public final class GatewayProcess {
    private GatewayProcess() {}

    public static void main(String[] args) throws Exception {
        GatewayServer server =
                GatewayServer.start(GatewayConfig.paper(0, Path.of(args[0]), args[1]));
        System.out.println("PORT " + server.port());
        System.out.flush();
        server.awaitClose();
    }
}
