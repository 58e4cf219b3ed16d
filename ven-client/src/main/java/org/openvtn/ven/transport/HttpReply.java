package org.openvtn.ven.transport;

/** An HTTP response: status and body. Internal. */
public record HttpReply(int status, byte[] body) {
}
