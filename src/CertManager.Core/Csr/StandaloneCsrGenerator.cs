using System.Security.Cryptography;
using System.Text;
using CertManager.Core.Details;
using CertManager.Core.Results;
using CertManager.Core.Storage;

namespace CertManager.Core.Csr;

/// <summary>
/// Generates a certificate signing request without a console: same validation and same key and CSR as
/// <see cref="CsrGenerator"/> (<see cref="CsrFactory"/>), but the private key goes to a file the caller names
/// instead of a console's encrypted store. Exists for <c>certman csr</c> without <c>--data-dir</c>, where
/// there is no store to put the key in; Core writes the file itself so that the key never crosses into the
/// caller as a string that cannot be wiped.
/// </summary>
public static class StandaloneCsrGenerator
{
    private const string PrivateKeyLabel = "PRIVATE KEY";

    /// <summary>
    /// Validates <paramref name="form"/>, makes the key and the CSR, and writes the key to
    /// <paramref name="keyFile"/> as PKCS#8 PEM (RFC 5208, RFC 7468 "PRIVATE KEY"), created with mode 0600.
    /// An existing file is never replaced (<c>csr.key-file-exists</c>).
    /// </summary>
    public static async Task<Result<StandaloneCsr>> GenerateAsync(CsrForm form, string keyFile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyFile);
        // The key goes to a file for another server: the console's own install policy does not apply to it.
        var validation = CsrRequestValidator.Validate(form, allowEcdsa: true);
        if (!validation.Succeeded)
        {
            return Result<StandaloneCsr>.Failure(validation.Problems);
        }

        var path = Path.GetFullPath(keyFile);
        // Checked again, atomically, when the file is created; this early check spares a 4096-bit key generation.
        if (File.Exists(path))
        {
            return CsrErrors.KeyFileExists(path);
        }

        // RSA key generation is CPU-bound (a 4096-bit key can take seconds): keep it off the caller's thread.
        return await Task.Run(() => Make(validation.Value, path, validation.Problems), cancellationToken);
    }

    private static Result<StandaloneCsr> Make(ValidatedCsrRequest request, string path, IReadOnlyList<Problem> warnings)
    {
        using var csr = CsrFactory.Create(request);
        var written = WriteKey(csr, path);
        if (written is not null)
        {
            return written;
        }

        return Result<StandaloneCsr>.Success(
            new StandaloneCsr(
                path,
                csr.Pem,
                csr.Subject,
                DistinguishedNameParser.Parse(csr.SubjectName),
                csr.AlternateNames,
                csr.KeyAlgorithm,
                csr.KeySizeBits,
                csr.SignatureAlgorithm,
                csr.PublicKeySha256),
            warnings);
    }

    /// <summary>Writes the key; null when written, otherwise the problem. Every plaintext buffer is zeroed.</summary>
    private static Problem? WriteKey(NewCsr csr, string path)
    {
        var pkcs8 = csr.Key.ExportPkcs8PrivateKey();
        var pem = PemEncoding.Write(PrivateKeyLabel, pkcs8);
        var bytes = new byte[Encoding.ASCII.GetByteCount(pem) + 1];
        try
        {
            Encoding.ASCII.GetBytes(pem, bytes);
            bytes[^1] = (byte)'\n';
            SecureFile.WriteNewPrivateFile(path, bytes);
            return null;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created the file after the early check: CreateNew refused to replace it.
            return CsrErrors.KeyFileExists(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return CsrErrors.KeyFileNotWritten(path, exception.Message);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
            CryptographicOperations.ZeroMemory(bytes);
            Array.Clear(pem);
        }
    }
}
