package io.takedown.banks.exchange;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.Method;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a child JVM under the debugger and kills it with SIGKILL at an exact point: the {@code hit}-th entry
 * into a method. The child stops at that point (all threads suspended) and dies there, so where a crash lands
 * does not depend on the machine's speed; no delay is guessed. The debugger listens on loopback only.
 */
final class KillAtBreakpoint {

    /** Where to kill: the {@code hit}-th call of {@code className.method} (the first method of that name). */
    record Point(String className, String method, int hit) {
        @Override
        public String toString() {
            return className.substring(className.lastIndexOf('.') + 1) + "." + method + " #" + hit;
        }
    }

    private static final Pattern LISTENING = Pattern.compile("Listening for transport dt_socket at address: (\\d+)");

    private KillAtBreakpoint() {
    }

    /**
     * Starts {@code mainClass args} with the test's class path, kills it at {@code point}, and runs {@code atKill}
     * while the child is stopped there (e.g. to look at its files), just before the SIGKILL. Fails when the
     * child ends without reaching the point; returns the child's output.
     */
    static List<String> run(Class<?> mainClass, List<String> args, Point point, Runnable atKill) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:0",
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String port = null;
            for (String line; port == null && (line = lines.readLine()) != null; ) {
                output.add(line);
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    port = listening.group(1);
                }
            }
            if (port == null) {
                throw new AssertionError("child did not start its debugger: " + output);
            }
            Thread drain = Thread.ofPlatform().daemon().start(() -> drain(lines, output::add));
            VirtualMachine vm = attach(port);
            boolean reached = stopAt(vm, point);
            if (!reached) {
                child.waitFor(30, TimeUnit.SECONDS);
                drain.join(5_000);
                throw new AssertionError("child ended before " + point + ": " + output);
            }
            atKill.run();
            child.destroyForcibly(); // SIGKILL while stopped at the point: no finally blocks, no shutdown hooks
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("child did not die");
            }
            drain.join(5_000);
            return List.copyOf(output);
        } finally {
            child.destroyForcibly();
        }
    }

    private static VirtualMachine attach(String port) throws Exception {
        AttachingConnector socket = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(c -> c.name().equals("com.sun.jdi.SocketAttach")).findFirst().orElseThrow();
        Map<String, Connector.Argument> arguments = socket.defaultArguments();
        arguments.get("hostname").setValue("127.0.0.1");
        arguments.get("port").setValue(port);
        arguments.get("timeout").setValue("60000");
        return socket.attach(arguments);
    }

    /** Resumes the child until it reaches the point (true) or ends (false); it is left suspended there. */
    private static boolean stopAt(VirtualMachine vm, Point point) throws InterruptedException {
        var requests = vm.eventRequestManager();
        List<ReferenceType> loaded = vm.classesByName(point.className());
        if (loaded.isEmpty()) {
            ClassPrepareRequest prepare = requests.createClassPrepareRequest();
            prepare.addClassFilter(point.className());
            prepare.setSuspendPolicy(EventRequest.SUSPEND_ALL);
            prepare.enable();
        } else {
            arm(vm, loaded.get(0), point);
        }
        vm.resume();
        while (true) {
            EventSet events = vm.eventQueue().remove(600_000);
            if (events == null) {
                throw new AssertionError("child neither reached " + point + " nor ended in 10 minutes");
            }
            for (Event event : events) {
                if (event instanceof BreakpointEvent) {
                    return true; // every thread of the child stays suspended
                }
                if (event instanceof VMDeathEvent || event instanceof VMDisconnectEvent) {
                    return false;
                }
                if (event instanceof ClassPrepareEvent prepared) {
                    arm(vm, prepared.referenceType(), point);
                }
            }
            events.resume();
        }
    }

    private static void arm(VirtualMachine vm, ReferenceType type, Point point) {
        List<Method> methods = type.methodsByName(point.method());
        if (methods.isEmpty()) {
            throw new AssertionError("no method " + point.method() + " in " + type.name());
        }
        BreakpointRequest breakpoint = vm.eventRequestManager().createBreakpointRequest(methods.get(0).location());
        breakpoint.addCountFilter(point.hit());
        breakpoint.setSuspendPolicy(EventRequest.SUSPEND_ALL);
        breakpoint.enable();
    }

    private static void drain(BufferedReader lines, Consumer<String> sink) {
        try {
            for (String line; (line = lines.readLine()) != null; ) {
                sink.accept(line);
            }
        } catch (IOException e) {
            // the child died; its output ends here
        }
    }
}
