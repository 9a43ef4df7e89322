// The baseline of the publish benchmark: what starting any .NET program costs on this machine.
return 0;
