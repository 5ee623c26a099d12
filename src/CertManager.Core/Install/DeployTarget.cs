using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using CertManager.Core.Certificates;
using CertManager.Core.Storage;

namespace CertManager.Core.Install;

/// <summary>
/// Writes the presented certificate as the PEM files other services on this host expect (the certbot layout):
/// cert.pem, chain.pem, fullchain.pem and privkey.pem, each replaced atomically and private to the service account.
/// </summary>
internal static class DeployTarget
{
    public static void Write(string directory, X509Certificate2 certificateWithKey, IReadOnlyList<X509Certificate2> intermediates)
    {
        // A directory that exists belongs to whoever set it up (often shared with the web server's group): leave its mode alone.
        if (!Directory.Exists(directory))
        {
            SecureFile.CreatePrivateDirectory(directory);
        }
        var certificatePem = certificateWithKey.ExportCertificatePem() + "\n";
        var chainPem = string.Concat(intermediates.Select(c => c.ExportCertificatePem() + "\n"));
        using var key = PrivateKeys.Of(certificateWithKey) ?? throw new ArgumentException("The certificate has no private key.", nameof(certificateWithKey));
        var keyPem = key.ExportPkcs8PrivateKeyPem().ToCharArray();
        try
        {
            var keyBytes = System.Text.Encoding.ASCII.GetBytes(keyPem);
            try
            {
                // The key first: a service reloading between writes must never see a certificate without its key.
                SecureFile.WriteAllBytesAtomically(Path.Combine(directory, "privkey.pem"), keyBytes);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(keyBytes);
            }
        }
        finally
        {
            Array.Clear(keyPem);
        }

        SecureFile.WriteAllTextAtomically(Path.Combine(directory, "chain.pem"), chainPem);
        SecureFile.WriteAllTextAtomically(Path.Combine(directory, "cert.pem"), certificatePem);
        SecureFile.WriteAllTextAtomically(Path.Combine(directory, "fullchain.pem"), certificatePem + chainPem);
    }
}
