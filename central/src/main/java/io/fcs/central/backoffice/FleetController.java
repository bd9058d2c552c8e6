package io.fcs.central.backoffice;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.device.DeviceAdmin;
import io.fcs.central.festival.Festival;
import io.fcs.central.festival.Festivals;
import io.fcs.central.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Enrolled terminals and edges of a festival with their health, and revocation (audited by {@link DeviceAdmin}). */
@Controller
class FleetController {

    private final BackOfficeModel.FestivalChoice choice;
    private final BackOfficeReads reads;
    private final Festivals festivals;
    private final DeviceAdmin devices;
    private final PageMessages messages;
    private final Clock clock;

    FleetController(
            BackOfficeModel.FestivalChoice choice,
            BackOfficeReads reads,
            Festivals festivals,
            DeviceAdmin devices,
            PageMessages messages,
            Clock clock) {
        this.choice = choice;
        this.reads = reads;
        this.festivals = festivals;
        this.devices = devices;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/admin/fleet")
    String page(
            @RequestParam(name = "festival", required = false) UUID festivalId,
            @RequestParam(name = "done", required = false) String done,
            Model model) {
        messages.done(model, done);
        return render(model, festivalId);
    }

    @PostMapping("/admin/fleet/{deviceId}/revocation")
    String revoke(
            @PathVariable("deviceId") UUID deviceId,
            @RequestParam(name = "reason", required = false) String reason,
            Model model,
            HttpServletResponse response) {
        CurrentUser me = Section.FLEET.require();
        var device = devices.device(deviceId).orElseThrow(() -> ApiException.notFound("device"));
        UUID festivalId = device.festivalId().value();
        festivals.requireStaffAccess(festivalId, me);
        try {
            devices.revoke(deviceId, FormInput.text(reason, "bo.field.reason", 500), clock.instant());
        } catch (FormInput.Refused | ApiException e) {
            messages.refused(model, e, response);
            model.addAttribute("failedDevice", deviceId);
            return render(model, festivalId);
        }
        return "redirect:/admin/fleet?festival=" + festivalId + "&done=revoked";
    }

    private String render(Model model, UUID festivalId) {
        CurrentUser me = Section.FLEET.require();
        model.addAttribute("section", Section.FLEET);
        Festival festival = choice.choose(model, me, festivalId);
        if (festival == null) {
            return "backoffice/fleet";
        }
        Map<UUID, String> zoneNames = new HashMap<>();
        festivals.zones(festival.id()).forEach(z -> zoneNames.put(z.id(), z.name()));
        model.addAttribute("zoneNames", zoneNames);
        model.addAttribute("devices", reads.devices(festival.id()));
        model.addAttribute("edges", reads.edges(festival.id()));
        return "backoffice/fleet";
    }
}
