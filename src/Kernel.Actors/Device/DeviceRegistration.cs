using MachActors.Actors;

namespace MachActors.Kernel.Device;

/// <summary>A device the <see cref="DeviceServer"/> knows at boot.</summary>
/// <param name="Name">The name device_open takes.</param>
/// <param name="Driver">Its driver.</param>
/// <param name="Hardware">Its hardware actor (requests go there; its interrupts come back).</param>
/// <param name="Exclusive">A second open is D_ALREADY_OPEN.</param>
public sealed record DeviceRegistration(string Name, IDeviceDriver Driver, IActorRef Hardware, bool Exclusive = false);
