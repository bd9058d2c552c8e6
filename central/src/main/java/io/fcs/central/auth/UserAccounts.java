package io.fcs.central.auth;

import io.fcs.central.config.PersonalData;
import io.fcs.central.web.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users: creation (attendees by registration, staff by admins), look-up, disabling and
 * pseudonymising erasure. Names and e-mails are stored encrypted, e-mails found by keyed hash.
 */
@Service
public class UserAccounts {

    private final JdbcClient jdbc;
    private final BlockedUsers blockedUsers;
    private final PersonalData personalData;
    private final PasswordEncoder passwords;
    private final Clock clock;

    UserAccounts(
            JdbcClient jdbc,
            PersonalData personalData,
            PasswordEncoder passwords,
            Clock clock,
            BlockedUsers blockedUsers) {
        this.jdbc = jdbc;
        this.blockedUsers = blockedUsers;
        this.personalData = personalData;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Creates a user; 409 {@code email_taken} if the e-mail is in use. */
    @Transactional
    public UserAccount create(String email, String password, String name, Set<Role> roles, Set<UUID> festivals) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String normalised = PersonalData.normaliseEmail(email);
        try {
            jdbc.sql("insert into app_user (id, email_hash, email_enc, name_enc, password_hash, status, created_at)"
                            + " values (?, ?, ?, ?, ?, 'ACTIVE', ?)")
                    .params(
                            id,
                            personalData.lookupHash(normalised),
                            personalData.encrypt(normalised),
                            personalData.encrypt(name.trim()),
                            passwords.encode(password),
                            now)
                    .update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("email_taken", "this e-mail is already registered");
        }
        for (Role role : roles) {
            jdbc.sql("insert into user_role (user_id, role) values (?, ?)")
                    .params(id, role.name())
                    .update();
        }
        for (UUID festival : festivals) {
            jdbc.sql("insert into user_festival (user_id, festival_id) values (?, ?)")
                    .params(id, festival)
                    .update();
        }
        return find(id).orElseThrow();
    }

    public Optional<UserAccount> find(UUID id) {
        return jdbc.sql("select id, email_enc, name_enc, status, created_at from app_user where id = ?")
                .param(id)
                .query(UserAccounts::row)
                .optional()
                .map(this::toAccount);
    }

    public UserAccount require(UUID id) {
        return find(id).orElseThrow(() -> ApiException.notFound("user"));
    }

    /** The user's name (decrypted), without roles or scope: one read on hot paths (ticket sales). */
    public Optional<String> name(UUID id) {
        return jdbc.sql("select name_enc from app_user where id = ?")
                .param(id)
                .query(String.class)
                .optional()
                .map(personalData::decrypt);
    }

    public boolean exists(UUID id) {
        return jdbc.sql("select count(*) from app_user where id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** Whether the database holds no user at all (first start). */
    public boolean none() {
        return jdbc.sql("select count(*) from app_user").query(Integer.class).single() == 0;
    }

    public List<UserAccount> staff() {
        return jdbc
                .sql("select id, email_enc, name_enc, status, created_at from app_user u where exists"
                        + " (select 1 from user_role r where r.user_id = u.id and r.role <> 'ATTENDEE')"
                        + " order by created_at")
                .query(UserAccounts::row)
                .list()
                .stream()
                .map(this::toAccount)
                .toList();
    }

    /** The user with this e-mail address, if any (found through the keyed hash of the address). */
    public Optional<UserAccount> findByEmail(String email) {
        return credentials(PersonalData.normaliseEmail(email)).flatMap(c -> find(c.id()));
    }

    record Credentials(UUID id, String passwordHash, UserAccount.Status status) {}

    Optional<Credentials> credentials(String email) {
        return jdbc.sql("select id, password_hash, status from app_user where email_hash = ?")
                .param(personalData.lookupHash(email))
                .query((rs, n) -> new Credentials(
                        rs.getObject(1, UUID.class), rs.getString(2), UserAccount.Status.valueOf(rs.getString(3))))
                .optional();
    }

    @Transactional
    public UserAccount setStatus(UUID id, UserAccount.Status status) {
        int n = jdbc.sql("update app_user set status = ? where id = ? and status <> 'ERASED'")
                .params(status.name(), id)
                .update();
        if (n == 0) {
            throw exists(id)
                    ? new ApiException(HttpStatus.CONFLICT, "user_erased", "an erased user cannot change status")
                    : ApiException.notFound("user");
        }
        if (status != UserAccount.Status.ACTIVE) {
            revokeAllRefreshTokens(id);
            blockedUsers.block(id);
        } else {
            blockedUsers.unblock(id);
        }
        return require(id);
    }

    /** Replaces roles and festival scope of a user. */
    @Transactional
    public UserAccount setRoles(UUID id, Collection<Role> roles, Collection<UUID> festivals) {
        require(id);
        jdbc.sql("delete from user_role where user_id = ?").param(id).update();
        jdbc.sql("delete from user_festival where user_id = ?").param(id).update();
        for (Role role : roles) {
            jdbc.sql("insert into user_role (user_id, role) values (?, ?)")
                    .params(id, role.name())
                    .update();
        }
        for (UUID festival : festivals) {
            jdbc.sql("insert into user_festival (user_id, festival_id) values (?, ?)")
                    .params(id, festival)
                    .update();
        }
        return require(id);
    }

    /**
     * Pseudonymises a user: e-mail and name are replaced, the password made unusable, sessions
     * ended. The id stays, so financial records keep pointing at the (now anonymous) account.
     */
    @Transactional
    public void erase(UUID id) {
        String pseudonym = "erased-" + id + "@erased.invalid";
        jdbc.sql("update app_user set email_hash = ?, email_enc = ?, name_enc = ?, password_hash = ?,"
                        + " status = 'ERASED', erased_at = ? where id = ?")
                .params(
                        personalData.lookupHash(pseudonym),
                        personalData.encrypt(pseudonym),
                        personalData.encrypt("Erased user"),
                        "!erased",
                        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                        id)
                .update();
        revokeAllRefreshTokens(id);
        blockedUsers.block(id);
    }

    /** Ends every session (refresh token) of the user. */
    public void revokeAllRefreshTokens(UUID userId) {
        jdbc.sql("update refresh_token set revoked_at = ? where user_id = ? and revoked_at is null")
                .params(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), userId)
                .update();
    }

    private record Row(UUID id, String emailEnc, String nameEnc, String status, OffsetDateTime createdAt) {}

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("email_enc"),
                rs.getString("name_enc"),
                rs.getString("status"),
                rs.getObject("created_at", OffsetDateTime.class));
    }

    private UserAccount toAccount(Row row) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.sql("select role from user_role where user_id = ?")
                .param(row.id())
                .query(String.class)
                .list()
                .forEach(r -> roles.add(Role.valueOf(r)));
        Set<UUID> festivals = new HashSet<>(jdbc.sql("select festival_id from user_festival where user_id = ?")
                .param(row.id())
                .query(UUID.class)
                .list());
        return new UserAccount(
                row.id(),
                personalData.decrypt(row.emailEnc()),
                personalData.decrypt(row.nameEnc()),
                roles,
                festivals,
                UserAccount.Status.valueOf(row.status()),
                row.createdAt().toInstant());
    }
}
