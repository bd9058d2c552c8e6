package io.fcs.provisioning.tickets;

import picocli.CommandLine.Command;

@Command(name = "TicketsCommand", mixinStandardHelpOptions = true)
public final class TicketsCommand implements Runnable {
    @Override
    public void run() {}
}
