using System.Security.Cryptography;

namespace CertManager.Core.Storage;

/// <summary>
/// Encrypts private keys at rest with AES-256-GCM under the data directory's master key.
/// The file format is <c>"CMK1" || nonce(12) || tag(16) || ciphertext</c>; the associated data binds a key
/// file to its purpose so that one encrypted blob cannot be swapped in for another kind.
/// </summary>
public sealed class KeyProtector
{
    private static readonly byte[] Magic = "CMK1"u8.ToArray();
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeySize = 32;

    /// <summary>The purpose the ASP.NET Core data-protection key ring is encrypted under (sign-in cookies, antiforgery).</summary>
    public const string DataProtectionPurpose = "data-protection-key-ring";

    private readonly Lazy<byte[]> _masterKey;

    private KeyProtector(Func<byte[]> loadMasterKey) =>
        _masterKey = new Lazy<byte[]>(loadMasterKey, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads the master key now, creating it (mode 0600) on first start.</summary>
    public static KeyProtector LoadOrCreate(DataDirectory dataDirectory)
    {
        var protector = new KeyProtector(() => LoadOrCreateMasterKey(dataDirectory));
        _ = protector._masterKey.Value;
        return protector;
    }

    /// <summary>
    /// Loads (or creates) the master key when a key is first encrypted or decrypted, so that services which never touch
    /// a key, such as <c>certman verify</c>, neither need nor create a data directory.
    /// </summary>
    public static KeyProtector OnFirstUse(DataDirectory dataDirectory) =>
        new(() =>
        {
            dataDirectory.EnsureCreated();
            return LoadOrCreateMasterKey(dataDirectory);
        });

    private static byte[] LoadOrCreateMasterKey(DataDirectory dataDirectory)
    {
        var path = dataDirectory.MasterKeyFile;
        if (!File.Exists(path) && dataDirectory.MasterKeyProvided)
        {
            throw new InvalidDataException(
                $"CertManager:MasterKeyFile names '{path}', which does not exist. Copy the master key of the other nodes there, or make a new one " +
                $"for a first node with 'head -c 32 /dev/urandom > {path}' (mode 0600, owned by the service account).");
        }

        if (!File.Exists(path))
        {
            var fresh = RandomNumberGenerator.GetBytes(KeySize);
            try
            {
                // Never replaces an existing key: when the console and certman start on a new directory at the
                // same moment, the first key written wins and both read it back.
                SecureFile.TryCreateAtomically(path, fresh);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(fresh);
            }
        }

        var key = File.ReadAllBytes(path);
        if (key.Length != KeySize)
        {
            throw new InvalidDataException($"The master key file '{path}' is damaged: it must hold exactly {KeySize} bytes. Restore it from backup.");
        }

        return key;
    }

    public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var output = new byte[Magic.Length + NonceSize + TagSize + plaintext.Length];
        Magic.CopyTo(output, 0);
        var nonce = output.AsSpan(Magic.Length, NonceSize);
        var tag = output.AsSpan(Magic.Length + NonceSize, TagSize);
        var ciphertext = output.AsSpan(Magic.Length + NonceSize + TagSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_masterKey.Value, TagSize);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, System.Text.Encoding.UTF8.GetBytes(purpose));
        return output;
    }

    /// <summary>Decrypts into a new array; the caller zeroes it when done.</summary>
    public byte[] Unprotect(ReadOnlySpan<byte> protectedData, string purpose)
    {
        if (protectedData.Length < Magic.Length + NonceSize + TagSize || !protectedData[..Magic.Length].SequenceEqual(Magic))
        {
            throw new CryptographicException("The encrypted key is not in the CertManager key format.");
        }

        var nonce = protectedData.Slice(Magic.Length, NonceSize);
        var tag = protectedData.Slice(Magic.Length + NonceSize, TagSize);
        var ciphertext = protectedData[(Magic.Length + NonceSize + TagSize)..];
        var plaintext = new byte[ciphertext.Length];
        using var aes = new AesGcm(_masterKey.Value, TagSize);
        aes.Decrypt(nonce, ciphertext, tag, plaintext, System.Text.Encoding.UTF8.GetBytes(purpose));
        return plaintext;
    }
}
