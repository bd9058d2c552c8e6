package io.fcs.provisioning.wristband;

import picocli.CommandLine.Command;

@Command(name = "WristbandCommand", mixinStandardHelpOptions = true)
public final class WristbandCommand implements Runnable {
    @Override
    public void run() {}
}
