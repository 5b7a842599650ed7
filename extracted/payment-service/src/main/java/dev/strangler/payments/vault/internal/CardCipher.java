package dev.strangler.payments.vault.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for PANs and an HMAC-SHA256 for tokens. The HMAC key is derived from the configured key (HMAC of a
 * fixed label), so one secret drives both, and a token reveals nothing about the PAN without it.
 */
public final class CardCipher {

    /** Which key sealed a row; rotation adds a second id. */
    public static final String KEY_ID = "k1";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec aesKey;
    private final SecretKeySpec hmacKey;

    public CardCipher(String base64Key) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("payments.vault.key is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("payments.vault.key must be 256 bits (32 bytes), base64-encoded");
        }
        this.aesKey = new SecretKeySpec(key, "AES");
        this.hmacKey = new SecretKeySpec(hmac(new SecretKeySpec(key, "HmacSHA256"), "card-token-v1"), "HmacSHA256");
    }

    /** The nonce and ciphertext (with its tag) of one PAN. */
    public record Sealed(byte[] nonce, byte[] ciphertext) {
    }

    public String tokenFor(String pan) {
        byte[] mac = hmac(hmacKey, pan);
        return "tok_" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac).substring(0, 40);
    }

    public Sealed seal(String pan, String token) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(token.getBytes(StandardCharsets.UTF_8));
            return new Sealed(nonce, cipher.doFinal(pan.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public String open(byte[] nonce, byte[] ciphertext, String token) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(token.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(ciphertext), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            // wrong key or a tampered row: say which without echoing anything
            throw new IllegalStateException("vault entry cannot be decrypted with the configured key");
        }
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
