package aelab.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;

import jdk.jshell.SourceCodeAnalysis;

/**
 * aelab's Java Jupyter kernel: the Jupyter protocol of JJava's {@code jjava-jupyter} library, cells evaluated by
 * JShell in a separate execution JVM ({@link Session}), IJava's notebook API ({@code display(x)}, the value of a
 * cell's last expression rendered: images as PNG, XChart charts as PNG, anything else as plain text).
 *
 * <p>Why a separate JVM: Stop must end any cell, and a cell that ignores interrupts (catches {@code Throwable} in
 * a loop) can only be ended by ending its JVM; the kernel itself (and the Jupyter connection) survives, starts a
 * new execution JVM and evaluates the earlier snippets again. Restart kills both JVMs.
 *
 * <p>Usage (the kernelspec's argv): {@code java -cp KERNEL_JARS aelab.kernel.AelabKernel CONNECTION_FILE}, with
 * {@code AELAB_KERNEL_CLASSPATH} and {@code AELAB_KERNEL_JVM_OPTIONS} in the environment ({@link KernelConfig}).
 * Logs warnings and errors only on standard error; {@code AELAB_KERNEL_DEBUG=1} adds debug lines ({@link KernelLog}).
 */
public final class AelabKernel extends BaseKernel {
    /** Kernel name and version reported in kernel_info. */
    public static final String NAME = "aelab-java";
    public static final String VERSION = "0.1.0";

    private final Session session;
    private final CountDownLatch firstInfo = new CountDownLatch(1);

    private AelabKernel(Session session) {
        super(NAME, VERSION, new LanguageInfo.Builder("java").version(Runtime.version().toString())
                        .mimetype("text/x-java-source").fileExtension(".jshell").pygments("java")
                        .codemirror("java").build(),
                List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(), null,
                new MagicsRegistry(), false, new StringStyler.Builder().build());
        this.session = session;
    }

    /**
     * Runs the kernel until Jupyter shuts it down.
     *
     * @param args the connection file
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp KERNEL_JARS " + AelabKernel.class.getName() + " CONNECTION_FILE");
            System.exit(2);
        }
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        KernelConfig config = KernelConfig.fromEnvironment(System.getenv());
        KernelLog.debug("execution classpath: " + config.executionClasspath());
        KernelLog.debug("execution JVM options: " + config.executionJvmOptions());
        ControlServer server = new ControlServer();
        Session session = new Session(config, server);
        AelabKernel kernel = new AelabKernel(session);
        JupyterConnection connection = new JupyterConnection(props);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        // the execution JVM's start (javac's first compilation: seconds of CPU) waits for the first kernel_info
        // reply (or 2 s), so that a client on a loaded machine hears from the kernel at once
        kernel.firstInfo.await(2, TimeUnit.SECONDS);
        session.startAsync();
        connection.waitUntilClose();
        session.close();
        Runtime.getRuntime().halt(0);
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        super.handleKernelInfoRequest(env, message);
        env.resolveDeferrals(); // the reply and the idle status go out now, before the execution JVM starts
        firstInfo.countDown();
    }

    @Override
    protected void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        ExecuteRequest request = message.getContent();
        int count = executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        Session.Outcome outcome = session.execute(request.getCode(), new Session.CellSink() {
            @Override
            public void stdout(String text) {
                env.publish(new PublishStream(PublishStream.StreamType.OUT, text));
            }

            @Override
            public void stderr(String text) {
                env.publish(new PublishStream(PublishStream.StreamType.ERR, text));
            }

            @Override
            public void display(OutputRouter.Frame frame) {
                DisplayData d = toDisplayData(frame.bundle());
                d.setDisplayId(frame.id());
                if (frame.kind().equals("update")) {
                    env.publish(new PublishUpdateDisplayData(d));
                } else {
                    env.publish(new PublishDisplayData(d));
                }
            }
        });
        if (outcome.failure() != null) {
            Session.Failure f = outcome.failure();
            ErrorReply error = new ErrorReply(f.ename(), f.evalue(), f.traceback());
            error.setExecutionCount(count);
            env.publish(new PublishError(f.ename(), f.evalue(), f.traceback()));
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
            return;
        }
        if (outcome.result() != null) {
            env.publish(new PublishExecuteResult(count, toDisplayData(outcome.result())));
        }
        env.defer().reply(new ExecuteReply(count, Map.of()));
    }

    private static DisplayData toDisplayData(Map<String, String> bundle) {
        DisplayData d = new DisplayData();
        bundle.forEach(d::putData);
        return d;
    }

    @Override
    public Object evalRaw(String source) {
        throw new UnsupportedOperationException("cells are evaluated by handleExecuteRequest");
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        ExecutionJvm j = session.readyOrNull();
        if (j == null) {
            return null;
        }
        int[] anchor = new int[1];
        List<String> options = j.shell.sourceCodeAnalysis().completionSuggestions(code, at, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList();
        return new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        ExecutionJvm j = session.readyOrNull();
        if (j == null) {
            return IS_COMPLETE_MAYBE;
        }
        SourceCodeAnalysis.Completeness c = j.shell.sourceCodeAnalysis().analyzeCompletion(code).completeness();
        if (c.isComplete() || c == SourceCodeAnalysis.Completeness.EMPTY) {
            return IS_COMPLETE_YES;
        }
        return c == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE ? "    " : IS_COMPLETE_MAYBE;
    }

    @Override
    public void interrupt() {
        session.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        // a busy cell must not delay the exit: the execution JVM is killed, then this JVM halts shortly after the
        // shutdown reply has been sent, even if the shell thread is still unwinding
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                // halt now
            }
            Runtime.getRuntime().halt(0);
        }, "aelab-kernel-exit");
        halt.setDaemon(true);
        halt.start();
        session.kill();
    }
}
