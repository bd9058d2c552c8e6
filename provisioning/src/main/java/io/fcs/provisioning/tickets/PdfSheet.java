package io.fcs.provisioning.tickets;

import com.google.zxing.common.BitMatrix;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal PDF 1.4 writer for sheets of QR codes: A4 pages, a grid of cells, each with a QR
 * symbol drawn as vector rectangles (sharp at any print resolution) and up to three caption
 * lines in Helvetica. No dependency; the file is small and opens in any viewer.
 */
final class PdfSheet {

    static final float PAGE_WIDTH = 595.28f;
    static final float PAGE_HEIGHT = 841.89f;
    static final int COLUMNS = 3;
    static final int ROWS = 4;
    static final float MARGIN = 36f;
    static final float QR_SIZE = 130f;
    static final float FONT_SIZE = 8f;

    /** One cell: a QR matrix and its caption lines. */
    record Cell(BitMatrix qr, List<String> caption) {}

    private PdfSheet() {}

    static byte[] render(List<Cell> cells) {
        List<String> pageContents = new ArrayList<>();
        int perPage = COLUMNS * ROWS;
        for (int start = 0; start < Math.max(1, cells.size()); start += perPage) {
            pageContents.add(page(cells.subList(start, Math.min(cells.size(), start + perPage))));
        }
        int pageCount = pageContents.size();
        // objects: 1 catalog, 2 pages, 3 font, then per page: page object, content stream
        List<byte[]> objects = new ArrayList<>();
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < pageCount; i++) {
            kids.append(4 + 2 * i).append(" 0 R ");
        }
        objects.add(ascii("<< /Type /Catalog /Pages 2 0 R >>"));
        objects.add(ascii("<< /Type /Pages /Kids [" + kids.toString().strip() + "] /Count " + pageCount + " >>"));
        objects.add(ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"));
        for (int i = 0; i < pageCount; i++) {
            objects.add(ascii(String.format(
                    Locale.ROOT,
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /Font << /F1 3 0 R >> >>"
                            + " /Contents %d 0 R >>",
                    PAGE_WIDTH,
                    PAGE_HEIGHT,
                    5 + 2 * i)));
            byte[] content = pageContents.get(i).getBytes(StandardCharsets.ISO_8859_1);
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            stream.writeBytes(ascii("<< /Length " + content.length + " >>\nstream\n"));
            stream.writeBytes(content);
            stream.writeBytes(ascii("\nendstream"));
            objects.add(stream.toByteArray());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n"));
        long[] offsets = new long[objects.size()];
        for (int i = 0; i < objects.size(); i++) {
            offsets[i] = out.size();
            out.writeBytes(ascii((i + 1) + " 0 obj\n"));
            out.writeBytes(objects.get(i));
            out.writeBytes(ascii("\nendobj\n"));
        }
        long xref = out.size();
        StringBuilder table = new StringBuilder();
        table.append("xref\n0 ").append(objects.size() + 1).append('\n');
        table.append("0000000000 65535 f \n");
        for (long offset : offsets) {
            table.append(String.format(Locale.ROOT, "%010d 00000 n \n", offset));
        }
        table.append("trailer\n<< /Size ")
                .append(objects.size() + 1)
                .append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        out.writeBytes(ascii(table.toString()));
        return out.toByteArray();
    }

    private static String page(List<Cell> cells) {
        StringBuilder content = new StringBuilder();
        float cellWidth = (PAGE_WIDTH - 2 * MARGIN) / COLUMNS;
        float cellHeight = (PAGE_HEIGHT - 2 * MARGIN) / ROWS;
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            int column = i % COLUMNS;
            int row = i / COLUMNS;
            float left = MARGIN + column * cellWidth + (cellWidth - QR_SIZE) / 2;
            float top = PAGE_HEIGHT - MARGIN - row * cellHeight - 6;
            drawQr(content, cell.qr(), left, top - QR_SIZE, QR_SIZE);
            float y = top - QR_SIZE - FONT_SIZE - 4;
            for (String line : cell.caption()) {
                content.append(String.format(
                        Locale.ROOT,
                        "BT /F1 %.1f Tf %.2f %.2f Td (%s) Tj ET\n",
                        FONT_SIZE,
                        MARGIN + column * cellWidth + 6,
                        y,
                        escape(line)));
                y -= FONT_SIZE + 2;
            }
        }
        return content.toString();
    }

    /** Dark modules as rectangles, horizontal runs merged, y up from the bottom-left corner. */
    private static void drawQr(StringBuilder content, BitMatrix matrix, float x, float y, float size) {
        float module = size / Math.max(matrix.getWidth(), matrix.getHeight());
        content.append("0 g\n");
        for (int row = 0; row < matrix.getHeight(); row++) {
            int column = 0;
            while (column < matrix.getWidth()) {
                if (!matrix.get(column, row)) {
                    column++;
                    continue;
                }
                int start = column;
                while (column < matrix.getWidth() && matrix.get(column, row)) {
                    column++;
                }
                content.append(String.format(
                        Locale.ROOT,
                        "%.3f %.3f %.3f %.3f re\n",
                        x + start * module,
                        y + size - (row + 1) * module,
                        (column - start) * module,
                        module));
            }
        }
        content.append("f\n");
    }

    /** PDF string literal escaping; characters outside Latin-1 print as '?'. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(' || c == ')' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0xff) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
