namespace EscFirmware.Core.Wording
{
    /// <summary>A piece of a message that reads differently per front end (a parameter, a command, a phrase).</summary>
    public interface IWording
    {
        string Render(FrontEnd frontEnd);
    }
}
