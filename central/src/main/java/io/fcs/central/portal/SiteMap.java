package io.fcs.central.portal;

import io.fcs.central.festival.Festivals;
import io.fcs.central.festival.PointOfSale;
import io.fcs.central.festival.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The festival site drawn from its set-up: one block per zone (in zone-number order, on a grid),
 * with the zone's gates and points of sale listed inside. The set-up has no coordinates, so
 * this is a schematic plan, not a survey; the same data is also listed as text for screen
 * readers and small screens.
 */
final class SiteMap {

    static final int BLOCK_WIDTH = 300;
    static final int BLOCK_HEIGHT = 230;
    static final int GAP = 20;
    static final int LINE = 22;
    static final int MAX_LINES = 7;

    record Place(String kind, String name) {}

    record Block(Zone zone, List<Place> places) {}

    private SiteMap() {}

    static List<Block> blocks(List<Zone> zones, List<Festivals.GatePlace> gates, List<PointOfSale> points) {
        List<Block> blocks = new ArrayList<>();
        for (Zone zone : zones) {
            List<Place> places = new ArrayList<>();
            UUID id = zone.id();
            gates.stream().filter(g -> g.zoneId().equals(id)).forEach(g -> places.add(new Place("GATE", g.name())));
            points.stream()
                    .filter(p -> p.zoneId().equals(id))
                    .forEach(p -> places.add(new Place(p.kind().name(), p.name())));
            blocks.add(new Block(zone, places));
        }
        return blocks;
    }

    /** The SVG of the blocks; {@code labels} gives "Gate", "Bar", "Top-up desk", "Kiosk" in the page's language. */
    static String svg(List<Block> blocks, java.util.function.Function<String, String> labels, String title) {
        int columns = Math.max(1, Math.min(3, (int) Math.ceil(Math.sqrt(blocks.size()))));
        int rows = Math.max(1, (blocks.size() + columns - 1) / columns);
        int width = columns * (BLOCK_WIDTH + GAP) + GAP;
        int height = rows * (BLOCK_HEIGHT + GAP) + GAP;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"site-map\" role=\"img\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" aria-label=\"")
                .append(escape(title))
                .append("\">");
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            int x = GAP + (i % columns) * (BLOCK_WIDTH + GAP);
            int y = GAP + (i / columns) * (BLOCK_HEIGHT + GAP);
            svg.append("<g class=\"zone\"><rect x=\"")
                    .append(x)
                    .append("\" y=\"")
                    .append(y)
                    .append("\" width=\"")
                    .append(BLOCK_WIDTH)
                    .append("\" height=\"")
                    .append(BLOCK_HEIGHT)
                    .append("\" rx=\"10\" fill=\"#e8eef7\" stroke=\"#1d3557\" stroke-width=\"2\"/>");
            text(svg, x + 14, y + 30, "zone-name", block.zone().name(), 700, 18);
            int line = 0;
            for (Place place : block.places()) {
                if (line == MAX_LINES - 1 && block.places().size() > MAX_LINES) {
                    text(
                            svg,
                            x + 14,
                            y + 62 + line * LINE,
                            "more",
                            "+" + (block.places().size() - line),
                            400,
                            15);
                    break;
                }
                int py = y + 62 + line * LINE;
                marker(svg, place.kind(), x + 22, py - 5);
                text(svg, x + 38, py, "place", labels.apply(place.kind()) + " · " + place.name(), 400, 15);
                line++;
            }
            svg.append("</g>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static void marker(StringBuilder svg, String kind, int cx, int cy) {
        switch (kind) {
            case "GATE" ->
                svg.append("<polygon points=\"")
                        .append(cx - 7)
                        .append(',')
                        .append(cy + 6)
                        .append(' ')
                        .append(cx + 7)
                        .append(',')
                        .append(cy + 6)
                        .append(' ')
                        .append(cx)
                        .append(',')
                        .append(cy - 7)
                        .append("\" fill=\"#b5179e\"/>");
            case "BAR" ->
                svg.append("<rect x=\"")
                        .append(cx - 6)
                        .append("\" y=\"")
                        .append(cy - 6)
                        .append("\" width=\"12\" height=\"12\" fill=\"#1b5e20\"/>");
            default ->
                svg.append("<circle cx=\"")
                        .append(cx)
                        .append("\" cy=\"")
                        .append(cy)
                        .append("\" r=\"6\" fill=\"#7a4b00\"/>");
        }
    }

    private static void text(StringBuilder svg, int x, int y, String css, String text, int weight, int size) {
        String shown = text.length() > 34 ? text.substring(0, 33) + "…" : text;
        svg.append("<text x=\"")
                .append(x)
                .append("\" y=\"")
                .append(y)
                .append("\" class=\"")
                .append(css)
                .append("\" font-size=\"")
                .append(size)
                .append("\" font-weight=\"")
                .append(weight)
                .append("\" fill=\"#14213d\">")
                .append(escape(shown))
                .append("</text>");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
