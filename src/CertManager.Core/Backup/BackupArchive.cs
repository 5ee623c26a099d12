using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CertManager.Core.Backup;

/// <summary>
/// The encrypted envelope of a backup: <c>"CMBACKUP" || version(1) || iterations(4, big-endian) || salt(16) || nonce(12)
/// || tag(16) || ciphertext</c>. The key is PBKDF2-HMAC-SHA256 of the passphrase (600,000 iterations, OWASP's 2023
/// figure for SHA-256) and the content is sealed with AES-256-GCM, the header being associated data: a wrong passphrase
/// and any changed byte are both caught by the tag. The plaintext is a tar of the data directory's files.
/// </summary>
internal static class BackupArchive
{
    public const int Iterations = 600_000;
    private const int MaximumIterations = 10_000_000;
    private const byte FormatVersion = 1;
    private const int SaltSize = 16;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeySize = 32;
    private static readonly byte[] Magic = "CMBACKUP"u8.ToArray();
    private static readonly int HeaderSize = Magic.Length + 1 + 4 + SaltSize;

    public static byte[] Seal(ReadOnlySpan<byte> plaintext, string passphrase)
    {
        var output = new byte[HeaderSize + NonceSize + TagSize + plaintext.Length];
        Magic.CopyTo(output, 0);
        output[Magic.Length] = FormatVersion;
        BinaryPrimitives.WriteInt32BigEndian(output.AsSpan(Magic.Length + 1, 4), Iterations);
        RandomNumberGenerator.Fill(output.AsSpan(Magic.Length + 5, SaltSize));
        RandomNumberGenerator.Fill(output.AsSpan(HeaderSize, NonceSize));
        var key = DeriveKey(passphrase, output.AsSpan(Magic.Length + 5, SaltSize), Iterations);
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Encrypt(
                output.AsSpan(HeaderSize, NonceSize),
                plaintext,
                output.AsSpan(HeaderSize + NonceSize + TagSize),
                output.AsSpan(HeaderSize + NonceSize, TagSize),
                output.AsSpan(0, HeaderSize));
            return output;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Whether <paramref name="archive"/> starts with the backup header this version reads.</summary>
    public static bool HasHeader(ReadOnlySpan<byte> archive) =>
        archive.Length >= HeaderSize + NonceSize + TagSize && archive[..Magic.Length].SequenceEqual(Magic) && archive[Magic.Length] == FormatVersion
        && BinaryPrimitives.ReadInt32BigEndian(archive.Slice(Magic.Length + 1, 4)) is > 0 and <= MaximumIterations;

    /// <summary>The plaintext, or null when the passphrase is wrong or the file was changed. The caller checks <see cref="HasHeader"/> first.</summary>
    public static byte[]? Open(ReadOnlySpan<byte> archive, string passphrase)
    {
        var iterations = BinaryPrimitives.ReadInt32BigEndian(archive.Slice(Magic.Length + 1, 4));
        var key = DeriveKey(passphrase, archive.Slice(Magic.Length + 5, SaltSize), iterations);
        var plaintext = new byte[archive.Length - HeaderSize - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(archive.Slice(HeaderSize, NonceSize), archive[(HeaderSize + NonceSize + TagSize)..], archive.Slice(HeaderSize + NonceSize, TagSize), plaintext, archive[..HeaderSize]);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] DeriveKey(string passphrase, ReadOnlySpan<byte> salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, iterations, HashAlgorithmName.SHA256, KeySize);
}
