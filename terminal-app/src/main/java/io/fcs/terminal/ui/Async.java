package io.fcs.terminal.ui;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs device and store work off the JavaFX thread and hands the answer back on it. View models
 * get one by constructor: the application passes a worker thread and {@code Platform::runLater};
 * plain JUnit tests pass {@link #direct()}.
 */
public final class Async {

    private final Executor background;
    private final Executor ui;

    public Async(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
    }

    /** Everything on the calling thread: for view-model unit tests. */
    public static Async direct() {
        return new Async(Runnable::run, Runnable::run);
    }

    public <T> void run(Supplier<T> work, Consumer<T> onUi, Consumer<RuntimeException> onError) {
        background.execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                ui.execute(() -> onError.accept(e));
                return;
            }
            ui.execute(() -> onUi.accept(result));
        });
    }

    public void ui(Runnable action) {
        ui.execute(action);
    }
}
