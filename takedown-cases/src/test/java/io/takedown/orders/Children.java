package io.takedown.orders;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Separate JVMs running {@link RaceChild}, with their output lines collected as they come. */
final class Children {

    /** One child process and what it printed. */
    static final class Child {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CountDownLatch ready = new CountDownLatch(1);
        private final Thread reader;

        Child(Process process) {
            this.process = process;
            reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                        if (line.equals("READY")) {
                            ready.countDown();
                        }
                    }
                } catch (IOException e) {
                    lines.add("ERROR reading: " + e);
                }
            });
        }

        int await() throws InterruptedException {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("child did not finish: " + lines);
            }
            reader.join(10_000);
            return process.exitValue();
        }
    }

    private Children() {
    }

    static Child start(String url, Path keys, Path caPem, String... modeAndArgs) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), RaceChild.class.getName(), url,
                keys.toString(), caPem.toString()));
        command.addAll(List.of(modeAndArgs));
        return new Child(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }
}
