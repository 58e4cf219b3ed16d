package org.openvtn.oadr3.service;

/**
 * Checks a webhook callback before a subscription naming it is stored (3.1 Definition, "Webhooks"): HTTPS scheme,
 * and the echo challenge (a GET with a random {@code echo} query parameter whose value the callback must return in
 * a 200 body). Implemented by the notifier transport ({@code org.openvtn.oadr3.notify}).
 */
@FunctionalInterface
public interface Oadr3CallbackVerifier {
    /** Accepts every callback: no notifier is configured to check or deliver. */
    Oadr3CallbackVerifier NONE = (url, token) -> { };

    /**
     * @param callbackUrl the subscription's {@code objectOperations[].callbackUrl}
     * @param bearerToken the subscription's {@code bearerToken}, sent as {@code Authorization: Bearer}, or null
     * @throws Oadr3Exception 400 naming the URL and why it failed
     */
    void verify(String callbackUrl, String bearerToken);
}
