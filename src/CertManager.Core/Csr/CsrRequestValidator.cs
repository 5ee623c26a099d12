using CertManager.Core.Certificates;
using CertManager.Core.Details;
using CertManager.Core.Results;

namespace CertManager.Core.Csr;

/// <summary>
/// Checks a <see cref="CsrForm"/> against the rules CAs apply and returns the normalised request with its
/// preview. Errors block generation; warnings and advice ride along with a successful result and also
/// accompany the errors of a failed one, so a form can show everything at once.
/// </summary>
public static class CsrRequestValidator
{
    /// <param name="form">The form as typed.</param>
    /// <param name="allowEcdsa">Whether ECDSA keys may be chosen (<see cref="Install.KeyAlgorithmPolicy"/>).</param>
    public static Result<ValidatedCsrRequest> Validate(CsrForm form, bool allowEcdsa = false)
    {
        ArgumentNullException.ThrowIfNull(form);
        var problems = new List<Problem>();

        var country = CheckCountry(form.Country, problems);
        var state = SubjectFieldRules.Check(CsrField.State, form.State, SubjectFieldRules.MaxStateLength, problems);
        var locality = SubjectFieldRules.Check(CsrField.Locality, form.Locality, SubjectFieldRules.MaxLocalityLength, problems);
        var organization = SubjectFieldRules.Check(CsrField.Organization, form.Organization, SubjectFieldRules.MaxOrganizationLength, problems);
        var unit = SubjectFieldRules.Check(CsrField.OrganizationalUnit, form.OrganizationalUnit, SubjectFieldRules.MaxOrganizationalUnitLength, problems);
        var enteredCommonName = form.CommonName?.Trim() ?? string.Empty;
        var commonName = CheckCommonName(enteredCommonName, problems);
        var enteredAlternates = (form.AlternateNames ?? []).Select(name => name?.Trim() ?? string.Empty).ToList();
        var alternateNames = CheckAlternateNames(commonName, enteredAlternates, problems);

        if (CsrForm.IsEcdsa(form.KeySize))
        {
            if (!allowEcdsa)
            {
                problems.Add(CsrErrors.EcdsaNotAllowed(form.KeySize));
            }
        }
        else if (!CsrForm.KeySizes.Contains(form.KeySize))
        {
            problems.Add(CsrErrors.KeySizeInvalid(form.KeySize, allowEcdsa));
        }

        if (!Enum.IsDefined(form.Hash))
        {
            problems.Add(CsrErrors.HashInvalid(form.Hash));
        }

        if (commonName is null || problems.Any(problem => problem.Severity == Severity.Error))
        {
            return Result<ValidatedCsrRequest>.Failure(problems);
        }

        var subject = SubjectNameFormatter.Build(country, state, locality, organization, unit, commonName);
        return Result<ValidatedCsrRequest>.Success(
            new ValidatedCsrRequest
            {
                Form = form with
                {
                    Country = country,
                    State = state,
                    Locality = locality,
                    Organization = organization,
                    OrganizationalUnit = unit,
                    CommonName = enteredCommonName,
                    AlternateNames = enteredAlternates.Where(name => name.Length > 0).ToList(),
                },
                Country = country,
                State = state,
                Locality = locality,
                Organization = organization,
                OrganizationalUnit = unit,
                CommonName = commonName,
                Subject = DistinguishedNameText.Format(subject),
                AlternateNames = alternateNames,
                KeySize = form.KeySize,
                Hash = form.Hash,
            },
            problems);
    }

    private static string? CheckCountry(string? value, List<Problem> problems)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (Countries.Find(trimmed) is { } country)
        {
            return country.Code;
        }

        problems.Add(CsrErrors.CountryInvalid(trimmed));
        return null;
    }

    /// <summary>The common name as encoded, or null when it is missing or invalid (the problem says why).</summary>
    private static string? CheckCommonName(string entered, List<Problem> problems)
    {
        if (entered.Length == 0)
        {
            problems.Add(CsrErrors.CommonNameRequired);
            return null;
        }

        if (HostNameRules.TryParseIpAddress(entered, out _))
        {
            problems.Add(CsrErrors.CommonNameIsIpAddress(entered));
            return null;
        }

        var check = HostNameRules.Check(entered);
        if (check.Fault is { } fault)
        {
            problems.Add(CsrErrors.HostName(CsrField.CommonName, fault, entered));
            return null;
        }

        var name = check.Name!;
        AddAdvice(CsrField.CommonName, entered, check, problems);
        if (name.Length > SubjectFieldRules.MaxCommonNameLength)
        {
            problems.Add(CsrErrors.TooLong(CsrField.CommonName, SubjectFieldRules.MaxCommonNameLength, name.Length));
            return null;
        }

        return name;
    }

    private static List<SubjectAlternativeName> CheckAlternateNames(string? commonName, List<string> entries, List<Problem> problems)
    {
        var names = new List<SubjectAlternativeName>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (commonName is not null)
        {
            names.Add(new SubjectAlternativeName(AlternativeNameKind.Dns, commonName));
            seen.Add(Key(AlternativeNameKind.Dns, commonName));
        }

        for (var index = 0; index < entries.Count; index++)
        {
            var entered = entries[index];
            if (entered.Length == 0)
            {
                continue;
            }

            var name = CheckAlternateName(entered, index + 1, problems);
            if (name is null)
            {
                continue;
            }

            if (!seen.Add(Key(name.Kind, name.Value)))
            {
                // Repeating the common name is what most people do; only a real repeat is worth a note.
                if (!string.Equals(name.Value, commonName, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(CsrErrors.DuplicateAlternateName(name.Value));
                }

                continue;
            }

            if (name.Kind == AlternativeNameKind.IpAddress)
            {
                problems.Add(CsrErrors.IpAddressAlternateName(name.Value));
            }

            names.Add(name);
        }

        return names;
    }

    private static SubjectAlternativeName? CheckAlternateName(string entered, int position, List<Problem> problems)
    {
        if (HostNameRules.TryParseIpAddress(entered, out var address))
        {
            return new SubjectAlternativeName(AlternativeNameKind.IpAddress, address.ToString());
        }

        var check = HostNameRules.Check(entered);
        if (check.Fault is { } fault)
        {
            problems.Add(CsrErrors.HostName(CsrField.AlternateNames, fault, entered, position));
            return null;
        }

        AddAdvice(CsrField.AlternateNames, entered, check, problems);
        return new SubjectAlternativeName(AlternativeNameKind.Dns, check.Name!);
    }

    private static void AddAdvice(CsrField field, string entered, HostNameCheck check, List<Problem> problems)
    {
        if (check.Converted)
        {
            problems.Add(CsrErrors.Converted(field, entered, check.Name!));
        }

        if (check.SingleLabel)
        {
            problems.Add(CsrErrors.NotFullyQualified(field, check.Name!));
        }
    }

    private static string Key(AlternativeNameKind kind, string value) => $"{kind}:{value}";
}
