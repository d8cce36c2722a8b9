package io.takedown.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.core.TakedownException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys protected at rest, rotation that keeps old signatures verifiable, and no private key in the clear. */
class KeySlotTest {

    @TempDir
    Path dir;

    private KeySlot slot(String passphrase) {
        return new KeySlot(dir, Optional.ofNullable(passphrase).map(String::toCharArray), 1_000);
    }

    @Test
    void protectedKey_isEncryptedOnDisk_andNeedsThePassphrase() throws Exception {
        Signer created = slot("correct horse").openOrCreate();
        assertThat(Files.exists(dir.resolve("signing-ed25519.key"))).isFalse();
        byte[] onDisk = Files.readAllBytes(dir.resolve("signing-ed25519.p8e"));
        assertThat(slot("correct horse").openOrCreate().keyId()).isEqualTo(created.keyId());
        assertThat(slot("correct horse").protectedAtRest()).isTrue();
        assertThatThrownBy(() -> slot("wrong").openOrCreate()).isInstanceOf(TakedownException.class)
                .hasMessageContaining("wrong passphrase");
        assertThatThrownBy(() -> slot(null).openOrCreate()).hasMessageContaining(KeySlot.PASSPHRASE_ENV);
        // The file is an encrypted PKCS#8 structure, not the key: its raw private bytes are nowhere in it.
        assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).doesNotContain("signing");
        assertThat(created.toString()).doesNotContain("Private").contains(created.keyId());
    }

    @Test
    void plainKey_isProtectedOnceAPassphraseIsSet() throws Exception {
        Signer plain = slot(null).openOrCreate();
        assertThat(Files.exists(dir.resolve("signing-ed25519.key"))).isTrue();
        Signer protectedNow = slot("s3cret").openOrCreate();
        assertThat(protectedNow.keyId()).isEqualTo(plain.keyId());
        assertThat(Files.exists(dir.resolve("signing-ed25519.key"))).isFalse();
        assertThat(slot("s3cret").protectedAtRest()).isTrue();
    }

    @Test
    void rotation_keepsOldSignaturesVerifiable() {
        Signer old = slot("pw").openOrCreate();
        String signed = old.jws("{\"n\":1}");
        Signer fresh = slot("pw").rotate();
        assertThat(fresh.keyId()).isNotEqualTo(old.keyId());
        assertThat(slot("pw").openOrCreate().keyId()).isEqualTo(fresh.keyId());
        assertThat(slot(null).publicKeys()).hasSize(2)
                .anySatisfy(k -> assertThat(Signer.verifyJws(k, signed)).isPresent());
        assertThat(Signer.publicKeysIn(dir)).hasSize(2);
    }

    @Test
    void keyId_isTheRfc7638Thumbprint() {
        // RFC 8037 appendix A.2's public key; A.3 gives its thumbprint.
        var key = io.takedown.audit.tlog.Ed25519.publicKey(java.util.Base64.getUrlDecoder()
                .decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"));
        assertThat(Signer.keyIdOf(key)).isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    }
}
