namespace EscFirmware.Core.Sessions
{
    /// <summary>
    /// What it takes to act as an existing AMI web session: the QSESSIONID cookie and its CSRF token. Secret: only the
    /// update-mode journal may hold it, in a file readable by the current user alone, and only while update mode lasts.
    /// </summary>
    public sealed class AmiSessionHandle
    {
        public AmiSessionHandle(string sessionCookie, string csrfToken)
        {
            SessionCookie = sessionCookie;
            CsrfToken = csrfToken;
        }

        public string SessionCookie { get; }
        public string CsrfToken { get; }

        public override string ToString() => "AMI web session (handle hidden)";
    }
}
