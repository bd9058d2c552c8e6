package io.fcs.central.backoffice;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.festival.Festival;
import io.fcs.central.festival.Festivals;
import io.fcs.central.festival.PointOfSale;
import io.fcs.central.festival.Zone;
import io.fcs.central.ledger.AccountKind;
import io.fcs.central.ledger.Ledger;
import io.fcs.protocol.value.FestivalId;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The live dashboard: money per minute, sales per bar and top products, entries per zone and
 * gate, terminal health, open review items. The whole page renders on the server; htmx replaces
 * the figures every few seconds from {@code /admin/dashboard/live} (decision 0202).
 */
@Controller
class DashboardController {

    private final BackOfficeModel.FestivalChoice choice;
    private final BackOfficeReads reads;
    private final Festivals festivals;
    private final Ledger ledger;
    private final BackOfficeFormat format;
    private final PageMessages messages;
    private final Clock clock;

    DashboardController(
            BackOfficeModel.FestivalChoice choice,
            BackOfficeReads reads,
            Festivals festivals,
            Ledger ledger,
            BackOfficeFormat format,
            PageMessages messages,
            Clock clock) {
        this.choice = choice;
        this.reads = reads;
        this.festivals = festivals;
        this.ledger = ledger;
        this.format = format;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping({"/admin", "/admin/dashboard"})
    String page(@RequestParam(name = "festival", required = false) UUID festivalId, Model model) {
        fill(model, festivalId);
        return "backoffice/dashboard";
    }

    @GetMapping("/admin/dashboard/live")
    String live(@RequestParam(name = "festival", required = false) UUID festivalId, Model model) {
        fill(model, festivalId);
        return "backoffice/dashboard :: live";
    }

    record ZoneRow(Zone zone, long people, Integer occupancyPercent, long scans) {}

    record GateRow(String name, String zone, long scans, long people) {}

    private void fill(Model model, UUID festivalId) {
        CurrentUser me = Section.DASHBOARD.require();
        model.addAttribute("section", Section.DASHBOARD);
        Festival festival = choice.choose(model, me, festivalId);
        if (festival == null) {
            return;
        }
        UUID id = festival.id();
        String currency = festival.currency();
        Instant now = clock.instant();
        model.addAttribute("updatedAt", now);

        List<BackOfficeReads.Minute> minutes = reads.perMinute(id, now);
        model.addAttribute("minutes", minutes);
        model.addAttribute(
                "revenueInWindow",
                minutes.stream().mapToLong(BackOfficeReads.Minute::revenueCents).sum());
        model.addAttribute(
                "topUpsInWindow",
                minutes.stream().mapToLong(BackOfficeReads.Minute::topUpsCents).sum());
        model.addAttribute(
                "revenueChart",
                SvgCharts.columns(
                        messages.text("bo.dash.revenuePerMinute"),
                        minutes.stream()
                                .map(m -> new SvgCharts.Bar(
                                        format.minute(m.start()),
                                        m.revenueCents(),
                                        format.money(m.revenueCents(), currency)))
                                .toList()));
        model.addAttribute(
                "topUpChart",
                SvgCharts.columns(
                        messages.text("bo.dash.topUpsPerMinute"),
                        minutes.stream()
                                .map(m -> new SvgCharts.Bar(
                                        format.minute(m.start()),
                                        m.topUpsCents(),
                                        format.money(m.topUpsCents(), currency)))
                                .toList()));

        Map<String, String> names = new HashMap<>();
        List<PointOfSale> points = festivals.pointsOfSale(id);
        Map<String, String> productNames = new HashMap<>();
        for (PointOfSale pos : points) {
            names.put(pos.id().toString(), pos.name());
            pos.products().forEach(p -> productNames.putIfAbsent(p.code(), p.name()));
        }
        List<BackOfficeReads.DeviceState> devices = reads.devices(id);
        devices.forEach(d -> names.putIfAbsent(d.id().toString(), d.name()));
        List<SvgCharts.Bar> bars = ledger.balances(FestivalId.of(id), AccountKind.POS_REVENUE).stream()
                .map(b -> new SvgCharts.Bar(
                        names.getOrDefault(
                                b.account().subject(),
                                format.shortId(b.account().subject())),
                        b.balance().minor(),
                        format.money(b.balance().minor(), currency)))
                .sorted(Comparator.comparingLong(SvgCharts.Bar::value).reversed())
                .limit(12)
                .toList();
        model.addAttribute("bars", bars);
        model.addAttribute("barChart", SvgCharts.rows(messages.text("bo.dash.salesPerBar"), bars));
        List<SvgCharts.Bar> products = reads.topProducts(id, 10).stream()
                .map(p -> new SvgCharts.Bar(
                        productNames.getOrDefault(p.code(), p.code()) + " × " + p.quantity(),
                        p.cents(),
                        format.money(p.cents(), currency)))
                .toList();
        model.addAttribute("products", products);
        model.addAttribute("productChart", SvgCharts.rows(messages.text("bo.dash.topProducts"), products));

        List<Zone> zones = festivals.zones(id);
        Map<UUID, String> zoneNames = new HashMap<>();
        zones.forEach(z -> zoneNames.put(z.id(), z.name()));
        Map<UUID, Long> people = reads.peoplePerZone(id);
        List<BackOfficeReads.Entries> entries = reads.entries(id);
        model.addAttribute(
                "zoneRows",
                zones.stream()
                        .map(z -> {
                            long in = people.getOrDefault(z.id(), 0L);
                            long scans = entries.stream()
                                    .filter(e -> z.id().equals(e.zoneId()))
                                    .mapToLong(BackOfficeReads.Entries::scans)
                                    .sum();
                            Integer percent = z.capacity() == null || z.capacity() == 0
                                    ? null
                                    : (int) Math.min(999, in * 100 / z.capacity());
                            return new ZoneRow(z, in, percent, scans);
                        })
                        .toList());
        model.addAttribute(
                "gateRows",
                entries.stream()
                        .map(e -> new GateRow(
                                e.terminalId() == null
                                        ? "—"
                                        : names.getOrDefault(e.terminalId().toString(), format.shortId(e.terminalId())),
                                e.zoneId() == null ? "—" : zoneNames.getOrDefault(e.zoneId(), "—"),
                                e.scans(),
                                e.people()))
                        .toList());

        List<BackOfficeReads.DeviceState> terminals =
                devices.stream().filter(d -> "TERMINAL".equals(d.kind())).toList();
        model.addAttribute("terminals", terminals);
        model.addAttribute("zoneNames", zoneNames);
        model.addAttribute(
                "online",
                terminals.stream().filter(BackOfficeReads.DeviceState::isOnline).count());
        model.addAttribute(
                "offline", terminals.stream().filter(d -> !d.isOnline()).count());
        model.addAttribute(
                "queued",
                terminals.stream()
                        .mapToLong(d -> d.queueDepth() == null ? 0 : d.queueDepth())
                        .sum());
        Map<String, Long> open = reads.openReviewItems(id);
        model.addAttribute("openItems", open);
        model.addAttribute(
                "openTotal", open.values().stream().mapToLong(Long::longValue).sum());
        model.addAttribute("canSeeMoney", Section.MONEY.allows(me));
    }
}
