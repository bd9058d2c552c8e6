package io.fcs.central.privacy;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.auth.CurrentUser;
import io.fcs.central.auth.UserAccount;
import io.fcs.central.auth.UserAccounts;
import io.fcs.central.web.ApiException;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** GDPR: the caller's data export (art. 15/20) and erasure by pseudonymisation (art. 17). */
@RestController
@Tag(name = "privacy")
@PreAuthorize("isAuthenticated()")
class PrivacyController {

    private final UserAccounts users;
    private final List<PersonalDataContributor> contributors;
    private final AuditLog audit;

    PrivacyController(UserAccounts users, List<PersonalDataContributor> contributors, AuditLog audit) {
        this.users = users;
        this.contributors = contributors;
        this.audit = audit;
    }

    record Export(Instant exportedAt, Map<String, Object> user, Map<String, Object> data) {}

    @GetMapping("/me/data")
    Export export() {
        UserAccount user = users.require(CurrentUser.require().id());
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", user.id());
        account.put("email", user.email());
        account.put("name", user.name());
        account.put("roles", user.roles());
        account.put("status", user.status());
        account.put("createdAt", user.createdAt());
        Map<String, Object> data = new LinkedHashMap<>();
        for (PersonalDataContributor c : contributors) {
            data.put(c.section(), c.export(user.id()));
        }
        return new Export(Instant.now(), account, data);
    }

    record Erased(UUID id, String status) {}

    @PostMapping("/me/erasure")
    @Transactional
    Erased erase() {
        CurrentUser caller = CurrentUser.require();
        UserAccount user = users.require(caller.id());
        if (user.roles().contains(io.fcs.central.auth.Role.ADMIN)) {
            throw ApiException.conflict("admin_cannot_erase", "an administrator account cannot erase itself");
        }
        for (PersonalDataContributor c : contributors) {
            c.erase(user.id());
        }
        users.erase(user.id());
        audit.record("user.erased", null, user.id().toString(), Map.of());
        return new Erased(user.id(), "ERASED");
    }
}
