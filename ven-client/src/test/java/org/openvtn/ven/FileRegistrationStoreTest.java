package org.openvtn.ven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default registration store survives a "restart" (a new instance on the same directory). */
class FileRegistrationStoreTest {

    @Test
    void savesLoadsAndClears(@TempDir Path dir) {
        RegistrationInfo r = new RegistrationInfo("https://vtn:8443", "ven-1", "reg-1", "VTN", Duration.ofSeconds(30));
        new FileRegistrationStore(dir).save("plant-a", r);
        FileRegistrationStore again = new FileRegistrationStore(dir);
        assertEquals(r, again.load("plant-a", "https://vtn:8443").orElseThrow());
        assertTrue(again.load("plant-b", "https://vtn:8443").isEmpty());
        assertTrue(again.load("plant-a", "https://other:8443").isEmpty());
        again.clear("plant-a", "https://vtn:8443");
        assertTrue(new FileRegistrationStore(dir).load("plant-a", "https://vtn:8443").isEmpty());
    }
}
