// mbedTLS 3.6 as built by Toolchains/deps.sh. Only the modules the crypto bridge uses.
#ifndef MINERVA_CMBEDTLS_H
#define MINERVA_CMBEDTLS_H
#include <mbedtls/build_info.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>
#include <mbedtls/md.h>
#include <mbedtls/gcm.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>
#include <mbedtls/ecdh.h>
#include <mbedtls/asn1.h>
#include <mbedtls/bignum.h>
#include <mbedtls/pem.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>
#include <mbedtls/x509_csr.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/hkdf.h>
#include <mbedtls/error.h>
#include <mbedtls/version.h>
#include <mbedtls/ssl.h>
#include <psa/crypto.h>
#endif
