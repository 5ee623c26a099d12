using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Results;
using CertManager.Core.Trust;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Import;

/// <summary>
/// Reads whatever an administrator uploads or pastes: PEM (many blocks, any order), DER certificates, PKCS#7
/// bundles, PKCS#12/PFX and private keys. The format is taken from the content, never from the file name.
/// Every input that cannot be read yields a problem naming it; nothing here throws for bad input.
/// </summary>
public sealed class CertificateImporter(IOptions<ImportOptions> options, IOptions<TrustOptions>? trustOptions = null)
{
    private readonly PrivateKeyReader _keys = new(options.Value);

    /// <summary>Reads a server certificate upload: its certificate, chain and key, within the upload limits.</summary>
    public ImportedMaterial Import(IReadOnlyList<ImportInput> inputs, string? password) =>
        Import(inputs, password, new Limits(options.Value.MaxInputBytes, options.Value.MaxPemBlocks));

    /// <summary>
    /// Reads a bundle of roots to trust (a PEM bundle such as /etc/ssl/certs/ca-certificates.crt, DER or PKCS#7), within the
    /// trust-store limits: hundreds of certificates rather than the few a server certificate upload holds.
    /// </summary>
    public ImportedMaterial ImportTrustBundle(IReadOnlyList<ImportInput> inputs)
    {
        var trust = trustOptions?.Value ?? new TrustOptions();
        return Import(inputs, password: null, new Limits(trust.MaxBundleBytes, trust.MaxBundleCertificates));
    }

    private ImportedMaterial Import(IReadOnlyList<ImportInput> inputs, string? password, Limits limits)
    {
        var collector = new Collector();
        foreach (var input in inputs)
        {
            ImportOne(input, password, limits, collector);
        }

        return new ImportedMaterial(collector.Certificates, collector.Keys, collector.Problems);
    }

    private void ImportOne(ImportInput input, string? password, Limits limits, Collector collector)
    {
        if (input.Content.Length == 0 || input.Content.Span.Trim((byte)' ').IsEmpty)
        {
            collector.Problems.Add(ImportErrors.Empty(input.Name));
            return;
        }

        if (input.Content.Length > limits.MaxInputBytes)
        {
            collector.Problems.Add(ImportErrors.TooLarge(input.Name, input.Content.Length, limits.MaxInputBytes));
            return;
        }

        if (PemBlockReader.LooksLikePem(input.Content.Span))
        {
            ImportPem(input, password, limits.MaxPemBlocks, collector);
            return;
        }

        ImportBinary(input.Content.ToArray(), input.Name, input.Slot, password, collector);
    }

    private void ImportPem(ImportInput input, string? password, int maxPemBlocks, Collector collector)
    {
        var blocks = PemBlockReader.Read(input.Content.Span, maxPemBlocks, out var truncated);
        if (truncated)
        {
            collector.Problems.Add(ImportErrors.TooManyPemBlocks(input.Name, maxPemBlocks));
        }

        for (var index = 0; index < blocks.Count; index++)
        {
            var block = blocks[index];
            var source = blocks.Count == 1 ? input.Name : $"{input.Name}, block {index + 1}";
            switch (block.Label)
            {
                case "CERTIFICATE" or "X509 CERTIFICATE" or "TRUSTED CERTIFICATE":
                    if (Decode(block, source, collector) is { } certificateDer)
                    {
                        AddCertificate(certificateDer, source, input.Slot, collector);
                    }

                    break;
                case "PKCS7":
                    if (Decode(block, source, collector) is { } pkcs7Der)
                    {
                        AddPkcs7(pkcs7Der, source, input.Slot, collector);
                    }

                    break;
                case "PRIVATE KEY" or "ENCRYPTED PRIVATE KEY" or "RSA PRIVATE KEY" or "EC PRIVATE KEY" or "DSA PRIVATE KEY":
                    collector.Add(_keys.ReadPem(block, source, password));
                    break;
                case "EC PARAMETERS":
                    // openssl ecparam -genkey writes the curve before the key; the EC PRIVATE KEY block names its curve itself.
                    break;
                default:
                    collector.Problems.Add(ImportErrors.NotACertificate(source, block.Label));
                    break;
            }
        }
    }

    private void ImportBinary(byte[] content, string source, ImportSlot slot, string? password, Collector collector)
    {
        if (Pkcs12BundleReader.LooksLikePkcs12(content))
        {
            AddPkcs12(content, source, slot, password, collector);
            return;
        }

        switch (ContentTypeOf(content))
        {
            case X509ContentType.Cert:
                AddCertificate(content, source, slot, collector);
                return;
            case X509ContentType.Pkcs7:
                AddPkcs7(content, source, slot, collector);
                return;
            case X509ContentType.Pkcs12:
                AddPkcs12(content, source, slot, password, collector);
                return;
        }

        if (_keys.TryReadDer(content, source, password) is { } key)
        {
            collector.Add(key);
            return;
        }

        collector.Problems.Add(ImportErrors.Unrecognized(source));
    }

    private void AddPkcs12(byte[] content, string source, ImportSlot slot, string? password, Collector collector)
    {
        var read = Pkcs12BundleReader.Read(content, source, password, options.Value.MaxKdfIterations);
        if (read.Problem is not null)
        {
            collector.Problems.Add(read.Problem);
            return;
        }

        collector.Problems.AddRange(read.Notes);
        for (var index = 0; index < read.Certificates.Count; index++)
        {
            AddCertificate(read.Certificates[index], read.Certificates.Count == 1 ? source : $"{source}, certificate {index + 1}", slot, collector);
        }

        for (var index = 0; index < read.Keys.Count; index++)
        {
            var pkcs8 = read.Keys[index];
            try
            {
                collector.Add(PrivateKeyReader.ReadPkcs8(pkcs8, read.Keys.Count == 1 ? source : $"{source}, key {index + 1}"));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pkcs8);
            }
        }
    }

    private static void AddPkcs7(byte[] der, string source, ImportSlot slot, Collector collector)
    {
        IReadOnlyList<byte[]> certificates;
        try
        {
            certificates = Pkcs7CertificateReader.Read(der);
        }
        catch (AsnContentException exception)
        {
            collector.Problems.Add(ImportErrors.Unreadable(source, "a PKCS#7 bundle", exception.Message.TrimEnd('.')));
            return;
        }

        for (var index = 0; index < certificates.Count; index++)
        {
            AddCertificate(certificates[index], certificates.Count == 1 ? source : $"{source}, certificate {index + 1}", slot, collector);
        }
    }

    private static void AddCertificate(byte[] der, string source, ImportSlot slot, Collector collector)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadCertificate(FirstElement(der));
            if (!IsDecodable(certificate, out var reason))
            {
                certificate.Dispose();
                collector.Problems.Add(ImportErrors.Unreadable(source, "a certificate", reason));
                return;
            }

            collector.Certificates.Add(new ImportedCertificate(certificate, source, slot));
        }
        catch (Exception exception) when (exception is CryptographicException or AsnContentException)
        {
            collector.Problems.Add(ImportErrors.Unreadable(source, "a certificate", exception.Message.TrimEnd('.')));
        }
    }

    /// <summary>
    /// The loader checks the outer structure only; extensions and the public key are decoded on first use. Decode what
    /// the chain doctor and the certificate summary read now, so that a damaged certificate is an import problem here
    /// rather than an exception later (found by fuzzing: a flipped bit in basicConstraints or the key still loads).
    /// </summary>
    private static bool IsDecodable(X509Certificate2 certificate, out string reason)
    {
        try
        {
            _ = Chain.CertificateSummary.Of(certificate, string.Empty);
            foreach (var extension in certificate.Extensions)
            {
                switch (extension)
                {
                    case X509EnhancedKeyUsageExtension usages:
                        _ = usages.EnhancedKeyUsages.Count;
                        break;
                    case X509AuthorityInformationAccessExtension access:
                        _ = access.EnumerateCAIssuersUris().Count();
                        break;
                }
            }

            _ = certificate.PublicKey.ExportSubjectPublicKeyInfo();
            reason = string.Empty;
            return true;
        }
        catch (Exception exception) when (exception is CryptographicException or AsnContentException or ArgumentException)
        {
            reason = exception.Message.TrimEnd('.');
            return false;
        }
    }

    /// <summary>OpenSSL's TRUSTED CERTIFICATE appends trust settings after the certificate: keep the certificate only.</summary>
    private static byte[] FirstElement(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.BER);
        var first = reader.ReadEncodedValue();
        return reader.HasData ? first.ToArray() : der;
    }

    private static byte[]? Decode(PemBlock block, string source, Collector collector)
    {
        try
        {
            return block.Base64Body.Length == 0 ? throw new FormatException() : Convert.FromBase64String(block.Base64Body);
        }
        catch (FormatException)
        {
            collector.Problems.Add(ImportErrors.PemBlockUnreadable(source, block.Label, block.Text.Contains("-----END", StringComparison.Ordinal) ? "its base64 text is damaged" : "its END line is missing"));
            return null;
        }
    }

    private static X509ContentType ContentTypeOf(byte[] content)
    {
        try
        {
            return X509Certificate2.GetCertContentType(content);
        }
        catch (CryptographicException)
        {
            return X509ContentType.Unknown;
        }
    }

    private readonly record struct Limits(int MaxInputBytes, int MaxPemBlocks);

    private sealed class Collector
    {
        public List<ImportedCertificate> Certificates { get; } = [];

        public List<ImportedKey> Keys { get; } = [];

        public List<Problem> Problems { get; } = [];

        public void Add(KeyReadOutcome outcome)
        {
            if (outcome.Key is not null)
            {
                Keys.Add(outcome.Key);
            }

            if (outcome.Problem is not null)
            {
                Problems.Add(outcome.Problem);
            }
        }
    }
}
