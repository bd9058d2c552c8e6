package io.fcs.central.jdbc;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs short units of database work from many request threads in shared transactions: one commit
 * for all the units waiting at that moment instead of one each (decision 0263). Each caller still
 * sees its own unit as one transaction:
 *
 * <ul>
 *   <li>it gets its answer only after the commit that made its unit durable;
 *   <li>a unit that throws is rolled back to the savepoint taken before it (and the transaction
 *       synchronizations it registered are dropped): the other units of the batch are not touched,
 *       and the caller gets the unit's own exception;
 *   <li>when the shared commit itself fails (a deadlock, a lost connection), every unit of the batch
 *       is run again alone, in a transaction of its own, and answered from that run.
 * </ul>
 *
 * <p>The units of a batch run one after the other on one thread, in their callers' arrival order,
 * with the caller's security context, so an audited action keeps its actor. A unit asked for from
 * this executor's own thread (a unit's after-commit work) runs at once in a new transaction of its
 * own; with {@link Join#CALLER_TRANSACTION}, a caller already in a transaction has its unit join
 * that one, as {@code REQUIRED} would. Units must be short and must not wait on other callers.
 */
public final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** What a unit does when its caller is already in a transaction. */
    public enum Join {
        /** Joins the caller's transaction (it commits or rolls back with it), as {@code REQUIRED}. */
        CALLER_TRANSACTION,
        /** Runs in a batch all the same: a transaction of its own, as {@code REQUIRES_NEW}. */
        NEVER
    }

    private final TransactionTemplate tx;
    private final TransactionTemplate ownTransaction;
    private final Join join;
    private final int maxBatch;
    private final LinkedBlockingQueue<Unit<?>> waiting = new LinkedBlockingQueue<>();
    private final String name;
    private final Thread worker;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong units = new AtomicLong();
    private final AtomicLong reruns = new AtomicLong();
    private volatile boolean closed;

    public GroupCommit(PlatformTransactionManager transactions, String name, int maxBatch, Join join) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("a batch holds at least one unit, was " + maxBatch);
        }
        this.tx = new TransactionTemplate(Objects.requireNonNull(transactions, "transactions"));
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.join = Objects.requireNonNull(join, "join");
        this.maxBatch = maxBatch;
        this.name = Objects.requireNonNull(name, "name");
        this.worker = Thread.ofPlatform().name("group-commit-" + name).daemon().unstarted(this::work);
        this.worker.start();
    }

    /**
     * Runs {@code work} in a shared transaction and answers its result once that transaction has
     * committed; rethrows what the unit threw (nothing of it is committed then).
     */
    public <T> T execute(TransactionCallback<T> work) {
        if (Thread.currentThread() == worker) {
            return ownTransaction.execute(work);
        }
        if (join == Join.CALLER_TRANSACTION && TransactionSynchronizationManager.isActualTransactionActive()) {
            return tx.execute(work);
        }
        if (closed) {
            throw new IllegalStateException("group commit " + worker.getName() + " is stopped");
        }
        Unit<T> unit = new Unit<>(work, SecurityContextHolder.getContext());
        waiting.add(unit);
        if (closed && waiting.remove(unit)) {
            throw new IllegalStateException("group commit " + worker.getName() + " is stopped");
        }
        try {
            return unit.answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the commit of a unit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Shared transactions committed so far (a rerun unit's own transaction is not counted). */
    public long batches() {
        return batches.get();
    }

    /** Units answered so far. */
    public long units() {
        return units.get();
    }

    /** Units run again alone because their batch's commit failed. */
    public long reruns() {
        return reruns.get();
    }

    /**
     * Counts units, shared commits and reruns as {@code central_group_commit_units_total},
     * {@code …_batches_total} and {@code …_reruns_total}, tagged with this executor's name: units
     * over batches is the mean batch.
     */
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("central.group_commit.units", this, GroupCommit::units)
                .tag("name", name)
                .description("units of work answered")
                .register(registry);
        FunctionCounter.builder("central.group_commit.batches", this, GroupCommit::batches)
                .tag("name", name)
                .description("shared transactions committed")
                .register(registry);
        FunctionCounter.builder("central.group_commit.reruns", this, GroupCommit::reruns)
                .tag("name", name)
                .description("units run again alone after their batch's commit failed")
                .register(registry);
    }

    /** Stops taking units; those waiting are still run and answered. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Unit<?> unit; (unit = waiting.poll()) != null; ) {
            unit.answer.completeExceptionally(
                    new IllegalStateException("group commit " + worker.getName() + " is stopped"));
        }
    }

    private void work() {
        List<Unit<?>> batch = new ArrayList<>(maxBatch);
        while (!closed || !waiting.isEmpty()) {
            try {
                Unit<?> first = closed ? waiting.poll() : waiting.take();
                if (first == null) {
                    break;
                }
                batch.add(first);
                waiting.drainTo(batch, maxBatch - 1);
                run(batch);
            } catch (InterruptedException e) {
                // close(): run what is still waiting, then stop
            } catch (RuntimeException | Error e) {
                log.error("group commit batch of {} units failed outside its units", batch.size(), e);
                for (Unit<?> unit : batch) {
                    unit.answer.completeExceptionally(e);
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void run(List<Unit<?>> batch) {
        try {
            tx.executeWithoutResult(status -> {
                for (Unit<?> unit : batch) {
                    unit.runIn(status);
                }
            });
        } catch (RuntimeException commitFailed) {
            log.warn(
                    "shared commit of {} units failed ({}); each runs again alone",
                    batch.size(),
                    commitFailed.toString());
            for (Unit<?> unit : batch) {
                unit.rerunAlone(tx);
                reruns.incrementAndGet();
            }
            units.addAndGet(batch.size());
            return;
        }
        batches.incrementAndGet();
        units.addAndGet(batch.size());
        for (Unit<?> unit : batch) {
            unit.answer();
        }
    }

    private static final class Unit<T> {
        private final TransactionCallback<T> work;
        private final SecurityContext context;
        private final CompletableFuture<T> answer = new CompletableFuture<>();
        private T result;
        private RuntimeException failure;

        Unit(TransactionCallback<T> work, SecurityContext context) {
            this.work = work;
            this.context = context;
        }

        /** Runs the unit inside the shared transaction, behind a savepoint of its own. */
        void runIn(TransactionStatus status) {
            List<TransactionSynchronization> before = TransactionSynchronizationManager.getSynchronizations();
            Object savepoint = status.createSavepoint();
            SecurityContext previous = SecurityContextHolder.getContext();
            SecurityContextHolder.setContext(context);
            try {
                result = work.doInTransaction(status);
                failure = null;
            } catch (RuntimeException e) {
                result = null;
                failure = e;
                status.rollbackToSavepoint(savepoint);
                TransactionSynchronizationManager.clearSynchronization();
                TransactionSynchronizationManager.initSynchronization();
                before.forEach(TransactionSynchronizationManager::registerSynchronization);
                return;
            } finally {
                SecurityContextHolder.setContext(previous);
            }
            // Outside the unit's own failure: a unit that caught a database error itself may have
            // left the transaction unusable (PostgreSQL aborts it); then the batch fails and every
            // unit runs again alone.
            status.releaseSavepoint(savepoint);
        }

        void answer() {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(result);
            }
        }

        void rerunAlone(TransactionTemplate tx) {
            SecurityContext previous = SecurityContextHolder.getContext();
            SecurityContextHolder.setContext(context);
            try {
                answer.complete(tx.execute(work));
            } catch (RuntimeException | Error e) {
                answer.completeExceptionally(e);
            } finally {
                SecurityContextHolder.setContext(previous);
            }
        }
    }
}
