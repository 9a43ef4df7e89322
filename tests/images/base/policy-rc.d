#!/bin/sh
# Packages installed during an image build must not start their services: there is no init to own them.
exit 101
