#!/bin/bash -e
#!not a shebang on line two
echo hi
