package org.openvtn.sep;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openvtn.certs.pki.Credential;

/**
 * A fresh in-memory 2030.5 listener ({@link SepFixture}) for every test, with one device registered over mutual TLS
 * and a notification listener under the same certificate: the set-up the Subscription/Notification ITs share
 * (IEEE 2030.5-2018 §5.6). {@code @RegisterExtension final SepSubscriber s = new SepSubscriber();}
 */
final class SepSubscriber implements BeforeEachCallback, AfterEachCallback {
    SepFixture fx;
    Credential cred;
    SepFixture.Client device;
    NotificationListener listener;
    /** the registered device's EndDevice href */
    String edev;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        fx = new SepFixture();
        cred = SepFixture.PKI.device();
        device = fx.client(cred);
        listener = new NotificationListener(cred);
        edev = SepServerIT.register(device, cred);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (listener != null) {
            listener.close();
        }
        if (device != null) {
            device.close();
        }
        if (fx != null) {
            fx.close();
        }
    }
}
