/**
 * XML reading and writing: {@link XmlCodec} validates every document against its schema and
 * refuses DTDs and unknown format versions. The JAXB classes generated from the schemas live in
 * sub-packages and never appear in the library's public signatures.
 */
package org.gapsync.format.xml;
