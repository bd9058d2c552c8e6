package io.fcs.protocol.message;

/**
 * A message carried over MQTT between terminals, edge nodes and central. Encode and decode with
 * {@link MessageCodec}.
 */
public sealed interface Message
        permits RecordBatch,
                WatermarkAck,
                AuthorisationRequest,
                AuthorisationAnswer,
                AdmissionRequest,
                AdmissionAnswer,
                Configuration,
                PriceList,
                DenyList,
                TicketRevocations,
                PendingCredits,
                CheckIn,
                Presence {

    MessageType type();
}
