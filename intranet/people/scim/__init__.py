"""SCIM 2.0 provisioning (RFC 7643, RFC 7644) at /scim/v2/, on django-scim2: the company
directory creates, updates and deactivates people, and fills departments, as the HR import
does from a CSV file. docs/operations.md ("Provisioning with SCIM") says how to set it up."""
