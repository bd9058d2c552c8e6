package io.fcs.central.portal;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.festival.Festival;
import io.fcs.central.festival.Festivals;
import io.fcs.central.festival.PointOfSale;
import io.fcs.central.ticketing.IssuedTicket;
import io.fcs.central.ticketing.TicketSales;
import io.fcs.central.ticketing.TicketTypes;
import io.fcs.central.wallet.CashlessService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The portal's public pages (home, programme, site map, offline fallback) and the attendee's own home. */
@Controller
class PortalPages {

    private final FestivalChoice choice;
    private final Festivals festivals;
    private final TicketTypes types;
    private final TicketSales tickets;
    private final CashlessService cashless;
    private final Notices notices;
    private final PortalText text;

    PortalPages(
            FestivalChoice choice,
            Festivals festivals,
            TicketTypes types,
            TicketSales tickets,
            CashlessService cashless,
            Notices notices,
            PortalText text) {
        this.choice = choice;
        this.festivals = festivals;
        this.types = types;
        this.tickets = tickets;
        this.cashless = cashless;
        this.notices = notices;
        this.text = text;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("festivals", choice.visible());
        return "portal/home";
    }

    @GetMapping("/my")
    String mine(Model model) {
        CurrentUser user = CurrentUser.require();
        List<IssuedTicket> own = tickets.ofOwner(user.id());
        model.addAttribute("tickets", own);
        model.addAttribute("accounts", cashless.accounts(user));
        model.addAttribute("festivalNames", WalletPages.festivalNames(festivals, cashless.accounts(user), own));
        model.addAttribute("notices", notices.unseen(user));
        return "portal/my";
    }

    @GetMapping("/programme")
    String programme(@RequestParam(name = "festival", required = false) String festivalId, Model model) {
        Optional<Festival> festival = choice.pick(festivalId);
        model.addAttribute("festivals", choice.visible());
        model.addAttribute("festival", festival.orElse(null));
        if (festival.isPresent()) {
            Festival f = festival.get();
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate d = f.startDate(); !d.isAfter(f.endDate()) && days.size() < 31; d = d.plusDays(1)) {
                days.add(d);
            }
            model.addAttribute("days", days);
            model.addAttribute("zones", festivals.zones(f.id()));
            model.addAttribute("points", festivals.pointsOfSale(f.id()));
            model.addAttribute("ticketTypes", types.ofFestival(f.id()));
        }
        return "portal/programme";
    }

    @GetMapping("/map")
    String map(@RequestParam(name = "festival", required = false) String festivalId, Model model) {
        Optional<Festival> festival = choice.pick(festivalId);
        model.addAttribute("festivals", choice.visible());
        model.addAttribute("festival", festival.orElse(null));
        if (festival.isPresent()) {
            Festival f = festival.get();
            List<PointOfSale> points = festivals.pointsOfSale(f.id());
            List<SiteMap.Block> blocks = SiteMap.blocks(festivals.zones(f.id()), festivals.gates(f.id()), points);
            model.addAttribute("blocks", blocks);
            model.addAttribute(
                    "mapSvg",
                    blocks.isEmpty()
                            ? null
                            : SiteMap.svg(
                                    blocks,
                                    kind -> text.text("portal.map.kind." + kind),
                                    text.text("portal.map.title", f.name())));
        }
        return "portal/map";
    }

    @GetMapping("/offline")
    String offline() {
        return "portal/offline";
    }
}
