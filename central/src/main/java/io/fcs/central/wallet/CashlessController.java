package io.fcs.central.wallet;

import io.fcs.central.auth.CurrentUser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /cashless/*} (API.md "Cashless"): the caller's own cashless account. */
@RestController
@RequestMapping("/cashless")
class CashlessController {

    private final CashlessService cashless;

    CashlessController(CashlessService cashless) {
        this.cashless = cashless;
    }

    record TopUpRequest(UUID festivalId, Long amountCents, String method, String cardToken) {}

    record PayRequest(UUID festivalId, Long amountCents, String description) {}

    record WristbandRequest(UUID festivalId, String uid) {}

    record BlockRequest(UUID festivalId, String reason) {}

    record ReplaceRequest(UUID festivalId, String newUid) {}

    record RefundRequest(UUID festivalId, String method, String iban) {}

    /** 200 with the credited balance once the provider confirmed; 202 while its confirmation is still to come. */
    @PostMapping("/topup")
    ResponseEntity<CashlessService.Result> topUp(
            @RequestBody TopUpRequest body, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        CashlessService.TopUp topUp = cashless.topUp(
                CurrentUser.require(),
                Requests.festival(body.festivalId()),
                Requests.amount(body.amountCents()),
                body.method(),
                body.cardToken(),
                key);
        return ResponseEntity.status(topUp.confirmed() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .body(topUp.result());
    }

    @PostMapping("/pay")
    CashlessService.Result pay(
            @RequestBody PayRequest body, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return cashless.pay(
                CurrentUser.require(),
                Requests.festival(body.festivalId()),
                Requests.amount(body.amountCents()),
                body.description(),
                key);
    }

    @GetMapping("/me")
    Map<String, List<CashlessService.Account>> me() {
        return Map.of("accounts", cashless.accounts(CurrentUser.require()));
    }

    @GetMapping("/me/history")
    Map<String, List<CashlessService.Movement>> history(
            @RequestParam("festivalId") UUID festivalId,
            @RequestParam(name = "limit", defaultValue = "100") int limit) {
        return Map.of("movements", cashless.history(CurrentUser.require(), festivalId, limit));
    }

    @PostMapping("/wristbands")
    CashlessService.Account link(@RequestBody WristbandRequest body) {
        return cashless.linkWristband(CurrentUser.require(), Requests.festival(body.festivalId()), body.uid());
    }

    @PostMapping("/wristbands/{uid}/block")
    CashlessService.Account block(@PathVariable("uid") String uid, @RequestBody BlockRequest body) {
        return cashless.blockWristband(CurrentUser.require(), Requests.festival(body.festivalId()), uid, body.reason());
    }

    @PostMapping("/wristbands/{uid}/replacement")
    CashlessService.Account replace(@PathVariable("uid") String uid, @RequestBody ReplaceRequest body) {
        return cashless.replaceWristband(
                CurrentUser.require(), Requests.festival(body.festivalId()), uid, body.newUid());
    }

    /** The caller's own post-event refunds in a festival and where each stands (decision 0278). */
    @GetMapping("/refunds")
    Map<String, List<CashlessService.MyRefund>> refunds(@RequestParam("festivalId") UUID festivalId) {
        return Map.of("refunds", cashless.myRefunds(CurrentUser.require(), festivalId));
    }

    @PostMapping("/refunds")
    CashlessService.Refund refund(@RequestBody RefundRequest body) {
        return cashless.refund(CurrentUser.require(), Requests.festival(body.festivalId()), body.method(), body.iban());
    }
}
