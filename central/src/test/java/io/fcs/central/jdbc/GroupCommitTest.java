package io.fcs.central.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

class GroupCommitTest {

    private JdbcTemplate jdbc;
    private DataSourceTransactionManager transactions;
    private GroupCommit commits;
    private ExecutorService callers;

    @BeforeEach
    void database() {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL("jdbc:h2:mem:group-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(source);
        jdbc.execute("create table item (name varchar(40) primary key)");
        transactions = new DataSourceTransactionManager(source);
        commits = new GroupCommit(transactions, "test", 64, GroupCommit.Join.CALLER_TRANSACTION);
        callers = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        commits.close();
    }

    @Test
    void unitsWaitingAtTheSameTimeAreCommittedTogether() throws Exception {
        List<Future<String>> answers = withWorkerHeld(10, i -> insert("item-" + i));

        for (Future<String> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).startsWith("item-");
        }
        assertThat(count()).isEqualTo(11);
        assertThat(commits.units()).isEqualTo(11);
        assertThat(commits.batches()).isLessThan(11).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aFailingUnitIsRolledBackAloneAndItsCallerGetsItsOwnException() throws Exception {
        List<Future<String>> answers = withWorkerHeld(6, i -> {
            String name = insert("item-" + i);
            if (i == 3) {
                throw new IllegalStateException("unit 3 refused");
            }
            return name;
        });

        for (int i = 0; i < answers.size(); i++) {
            Future<String> answer = answers.get(i);
            if (i == 3) {
                assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("unit 3 refused");
            } else {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("item-" + i);
            }
        }
        assertThat(names())
                .contains("item-0", "item-5")
                .doesNotContain("item-3")
                .hasSize(5);
    }

    @Test
    void aCallerIsAnsweredOnlyOnceItsUnitIsCommitted() throws Exception {
        AtomicBoolean committed = new AtomicBoolean();
        commits.execute(status -> {
            insert("durable");
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed.set(true);
                }
            });
            return null;
        });

        assertThat(committed).isTrue();
        assertThat(names()).containsExactly("durable");
    }

    @Test
    void whatARefusedUnitRegisteredForAfterTheCommitIsDropped() throws Exception {
        AtomicInteger afterCommits = new AtomicInteger();
        List<Future<String>> answers = withWorkerHeld(4, i -> {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    afterCommits.incrementAndGet();
                }
            });
            if (i == 1) {
                throw new IllegalArgumentException("refused");
            }
            return insert("item-" + i);
        });
        for (Future<String> answer : answers) {
            try {
                answer.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException refused) {
                assertThat(refused).hasCauseInstanceOf(IllegalArgumentException.class);
            }
        }

        assertThat(afterCommits).hasValue(3);
    }

    @Test
    void whenTheSharedCommitFailsEachUnitIsRunAgainAloneAndAnsweredFromThatRun() throws Exception {
        AtomicBoolean failOnce = new AtomicBoolean(true);
        List<Future<String>> answers = withWorkerHeld(5, i -> {
            String name = insert("item-" + i);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    if (failOnce.getAndSet(false)) {
                        throw new org.springframework.dao.CannotAcquireLockException("deadlock, as a database says");
                    }
                }
            });
            return name;
        });

        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("item-" + i);
        }
        assertThat(count()).isEqualTo(6);
        assertThat(commits.reruns()).isBetween(1L, 5L);
    }

    @Test
    void aUnitRunsWithItsCallersSecurityContext() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("buyer-7", null));
        try {
            String seen = commits.execute(status ->
                    SecurityContextHolder.getContext().getAuthentication().getName());

            assertThat(seen).isEqualTo("buyer-7");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aCallerAlreadyInATransactionHasItsUnitJoinIt() {
        TransactionTemplate outer = new TransactionTemplate(transactions);

        assertThatThrownBy(() -> outer.executeWithoutResult(status -> {
                    commits.execute(s -> insert("joined"));
                    throw new IllegalStateException("the caller's transaction rolls back");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(count()).isZero();
        assertThat(commits.units()).isZero();
    }

    @Test
    void aUnitThatMustNotJoinItsCallersTransactionCommitsOnItsOwn() {
        try (GroupCommit own = new GroupCommit(transactions, "own", 8, GroupCommit.Join.NEVER)) {
            TransactionTemplate outer = new TransactionTemplate(transactions);

            assertThatThrownBy(() -> outer.executeWithoutResult(status -> {
                        own.execute(s -> insert("on its own"));
                        throw new IllegalStateException("the caller's transaction rolls back");
                    }))
                    .isInstanceOf(IllegalStateException.class);

            assertThat(names()).containsExactly("on its own");
        }
    }

    @Test
    void aStoppedGroupCommitRefusesNewUnits() {
        commits.close();

        assertThatThrownBy(() -> commits.execute(s -> insert("late")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stopped");
        assertThat(count()).isZero();
    }

    interface Work {
        String run(int index);
    }

    /**
     * Holds the worker in a first unit until {@code count} more callers have queued their units,
     * so that those are taken as one or a few batches; answers the queued units' futures in order.
     */
    private List<Future<String>> withWorkerHeld(int count, Work work) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = callers.submit(() -> commits.execute(status -> {
            holding.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return insert("first");
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            answers.add(callers.submit(() -> commits.execute(status -> work.run(index))));
            Thread.sleep(5);
        }
        Thread.sleep(100);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        return answers;
    }

    private String insert(String name) {
        jdbc.update("insert into item (name) values (?)", name);
        return name;
    }

    private int count() {
        return jdbc.queryForObject("select count(*) from item", Integer.class);
    }

    private List<String> names() {
        return jdbc.queryForList("select name from item where name <> 'first' order by name", String.class);
    }
}
