package io.fcs.terminal.login;

import java.util.List;
import java.util.Optional;

/** Who may log in here: from the command line, the stored configuration or the downlinked one. */
public final class StaffDirectory {

    private volatile List<Staff> staff;

    public StaffDirectory(List<Staff> staff) {
        this.staff = List.copyOf(staff);
    }

    public void replace(List<Staff> newStaff) {
        this.staff = List.copyOf(newStaff);
    }

    public Optional<Staff> byPin(String pin) {
        if (pin == null || pin.isEmpty()) {
            return Optional.empty();
        }
        return staff.stream().filter(s -> s.pinMatches(pin)).findFirst();
    }

    public Optional<Staff> byBadge(String uidHex) {
        String uid = uidHex.toLowerCase(java.util.Locale.ROOT);
        return staff.stream()
                .filter(s -> s.badgeUid().map(uid::equals).orElse(false))
                .findFirst();
    }

    public Optional<Staff> supervisorByPin(String pin) {
        return byPin(pin).filter(Staff::supervisor);
    }

    public List<Staff> all() {
        return staff;
    }
}
